package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.util.Optional;

/**
 * Blob records and their links into repositories. A link into a registry's repository is counted in its usage in
 * the link's own transaction, where {@link LinkQuota} decides whether the registry may take it.
 */
public interface BlobLinkStore {

    /**
     * Records a committed blob (idempotent) and links it into {@code repo}, creating the repository if needed; the
     * transaction asks {@code quota} when the link adds bytes or a repository to a registry.
     */
    void linkBlob(RepositoryName repo, Digest digest, long size, LinkQuota quota);

    /** {@link #linkBlob(RepositoryName, Digest, long, LinkQuota)} with no quota: for tests and tools. */
    default void linkBlob(RepositoryName repo, Digest digest, long size) {
        linkBlob(repo, digest, size, LinkQuota.NONE);
    }

    /**
     * Links a blob of {@code from} into {@code repo} in one transaction with the check that {@code from} holds it
     * (so garbage collection cannot remove it in between) and with {@code quota}'s decision; the blob's size, or
     * empty when {@code from} lacks it.
     */
    Optional<Long> mountBlob(RepositoryName from, RepositoryName repo, Digest digest, LinkQuota quota,
                             Event mounted);

    /** {@link #mountBlob(RepositoryName, RepositoryName, Digest, LinkQuota, Event)} with no event. */
    default Optional<Long> mountBlob(RepositoryName from, RepositoryName repo, Digest digest, LinkQuota quota) {
        return mountBlob(from, repo, digest, quota, null);
    }

    /** {@link #mountBlob(RepositoryName, RepositoryName, Digest, LinkQuota)} with no quota: for tests and tools. */
    default Optional<Long> mountBlob(RepositoryName from, RepositoryName repo, Digest digest) {
        return mountBlob(from, repo, digest, LinkQuota.NONE);
    }

    /** Size of {@code digest} when it is linked into {@code repo}. */
    Optional<Long> linkedBlobSize(RepositoryName repo, Digest digest);

    /** Size of a blob known anywhere in the registry (for cross-repository mount decisions). */
    Optional<Long> blobSize(Digest digest);

    /** Removes the link of {@code digest} from {@code repo}; the blob record stays for GC to decide. */
    default boolean unlinkBlob(RepositoryName repo, Digest digest) {
        return unlinkBlob(repo, digest, null);
    }

    /** {@link #unlinkBlob(RepositoryName, Digest)}, recording {@code deleted} when it unlinks. */
    boolean unlinkBlob(RepositoryName repo, Digest digest, Event deleted);
}
