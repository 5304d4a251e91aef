package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registries (tenants) and what is known about their content: usage counters, monthly egress and the listings the
 * management API shows. A repository belongs to the registry named by its first path component. Usage counters are
 * kept by the metadata store in the transaction that links or unlinks a blob; {@link #recomputeUsage} rebuilds
 * them from the links.
 */
public interface RegistryStore {

    /** Creates the registry and counts the content already under its name; empty when the name is taken. */
    default Optional<RegistryRecord> create(String name, String owner, String region, RegistryRecord.Plan plan) {
        return create(name, owner, region, plan, null);
    }

    /** {@link #create(String, String, String, RegistryRecord.Plan)}, recording {@code created} when it creates. */
    Optional<RegistryRecord> create(String name, String owner, String region, RegistryRecord.Plan plan,
                                    Event created);

    Optional<RegistryRecord> find(String name);

    /** Registries of {@code owner} ({@code null}: all), oldest first. */
    List<RegistryRecord> list(String owner);

    /** True when at least one registry exists (the data plane then applies registry rules). */
    boolean any();

    /** Changes the tier, quota, limits and GC flag; empty when there is no such registry. */
    default Optional<RegistryRecord> updatePlan(String name, RegistryRecord.Plan plan) {
        return updatePlan(name, plan, null);
    }

    /** {@link #updatePlan(String, RegistryRecord.Plan)}, recording {@code changed} when it changes. */
    Optional<RegistryRecord> updatePlan(String name, RegistryRecord.Plan plan, Event changed);

    /**
     * Removes the registry's own rows, its garbage collection history, retention policies and schedule; its
     * repositories must have been deleted first.
     */
    default boolean delete(String name) {
        return delete(name, null);
    }

    /** {@link #delete(String)}, recording {@code deleted} when it deletes. */
    boolean delete(String name, Event deleted);

    /** Names of the registry's repositories that have content, in byte order. */
    List<RepositoryName> repositories(String registry);

    long repositoryCount(String registry);

    /** True when a repository of the registry links {@code digest} (it then adds nothing to the usage). */
    boolean holdsBlob(String registry, String digest);

    /** The live usage counters. */
    UsageReport usage(String registry);

    /** Usage computed from scratch from the blob links, without touching the counters. */
    UsageReport computeUsage(String registry);

    /** Rebuilds the counters from scratch and returns the result. */
    UsageReport recomputeUsage(String registry);

    /** Adds bytes served to the registry's figure for {@code month} ({@code YYYY-MM}). */
    void addEgress(String registry, String month, long bytes);

    long egress(String registry, String month);

    /**
     * Up to {@code limit} repository summaries in byte order, skipping {@code offset} of those after {@code after}
     * (null: from the start).
     */
    List<RepositorySummary> repositorySummaries(String registry, String after, int offset, int limit);

    /** Tags of {@code repo} by name, paged by offset. */
    List<TagSummary> tags(RepositoryName repo, int offset, int limit);

    long tagCount(RepositoryName repo);

    /** Manifests of {@code repo}, newest first, paged by offset. */
    List<ManifestSummary> manifests(RepositoryName repo, int offset, int limit);

    long manifestCount(RepositoryName repo);

    /** Blobs the given manifests of {@code repo} reference directly whose uncompressed size is not recorded yet. */
    List<UnsizedBlob> unsizedBlobs(RepositoryName repo, List<String> manifestDigests);

    /** Records each blob's uncompressed size (digest to bytes); a size once recorded is kept. */
    void recordUncompressedSizes(Map<String, Long> sizes);

    record UnsizedBlob(String digest, long size) {
    }

    /** Total bytes and bytes per repository (repositories with no blobs are left out). */
    record UsageReport(long total, Map<String, Long> repositories) {
    }

    /**
     * {@code sizeBytes}: the manifest and its blobs uncompressed (see {@link #recordUncompressedSizes}); null while a
     * blob's uncompressed size is not recorded yet.
     */
    record TagSummary(RepositoryName repository, String tag, String manifestDigest, long compressedSizeBytes,
                      Long sizeBytes, Instant updatedAt) {
    }

    record BlobSummary(String digest, long compressedSizeBytes) {
    }

    /** {@code sizeBytes} as in {@link TagSummary}. */
    record ManifestSummary(RepositoryName repository, String digest, long compressedSizeBytes, Long sizeBytes,
                           Instant updatedAt, List<String> tags, List<BlobSummary> blobs) {
    }

    /** {@code latestTag} and {@code latestManifest} are null when the repository has none. */
    record RepositorySummary(RepositoryName name, long tagCount, long manifestCount, TagSummary latestTag,
                             ManifestSummary latestManifest) {
    }
}
