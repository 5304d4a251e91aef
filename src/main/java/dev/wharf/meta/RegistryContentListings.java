package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.List;

/** Read-only listings of a registry's content for the management API and the CLI, paged by offset. */
public interface RegistryContentListings {

    /** Names of the registry's repositories that have content, in byte order. */
    List<RepositoryName> repositories(String registry);

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

    /**
     * {@code sizeBytes}: the manifest and its blobs uncompressed (see {@link UncompressedSizeStore}); null while a
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
