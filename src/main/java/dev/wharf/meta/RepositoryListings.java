package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.util.List;

/**
 * Read-only listings of repositories and their content, for the data plane, the web UI and the management API
 * (keyset pagination: cost independent of the total count).
 */
public interface RepositoryListings {

    boolean repositoryExists(RepositoryName repo);

    /** Up to {@code limit} tag names of {@code repo} sorted lexically, strictly after {@code after} when non-null. */
    List<String> listTags(RepositoryName repo, String after, int limit);

    /** Up to {@code limit} repository names sorted lexically, strictly after {@code after} when non-null. */
    List<String> listRepositories(String after, int limit);

    /** Manifests in {@code repo} whose subject is {@code subject}, optionally only those of one artifact type. */
    List<ManifestRecord> referrers(RepositoryName repo, Digest subject, String artifactType);

    /**
     * Up to {@code limit} visible repositories whose name contains {@code contains} (case-insensitive; null or empty
     * matches all), in byte order: strictly after {@code after} when non-null, else the last ones strictly before
     * {@code before} when non-null (still returned in ascending order), else the first ones. Keyset pages walk the
     * name index, so a page costs the same whatever the total count.
     */
    List<RepositorySummary> findRepositories(String contains, String after, String before, int limit);

    /** How many visible repositories {@link #findRepositories} would walk for {@code contains}. */
    long countRepositories(String contains);

    /** Up to {@code limit} tags of {@code repo} with their manifest digest, sorted, strictly after {@code after}. */
    List<TagEntry> listTagEntries(RepositoryName repo, String after, int limit);
}
