package dev.wharf.content;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.util.Optional;

/**
 * What the data plane asks before accepting or serving bytes, so registries' quotas and bandwidth apply. The default
 * ({@link #NONE}) allows everything, which is Wharf with no registries (registry:2 behaviour).
 */
public interface RegistryLimits {

    /**
     * Before bytes are accepted for {@code repo}: refuses with {@code DENIED} when the push would pass a quota or
     * create a repository beyond the limit. {@code digest} is null when not known yet; {@code bytes} is the declared
     * size still to be stored (0 when unknown or nothing, e.g. a manifest).
     */
    void beforePush(RepositoryName repo, Digest digest, long bytes);

    /**
     * The room {@code repo}'s registry has left for bytes not linked yet, which unfinished uploads share; empty when
     * no quota refuses pushes there (no registry, a tier with overage and no quota, or {@code digest}, when known,
     * already counted in the registry).
     */
    default Optional<StorageRoom> storageRoom(RepositoryName repo, Digest digest) {
        return Optional.empty();
    }

    /** Before a blob or manifest GET: refuses with {@code TOOMANYREQUESTS} when the monthly bandwidth is spent. */
    void beforePull(RepositoryName repo);

    /** After a blob or manifest GET answered {@code bytes}. */
    void pulled(RepositoryName repo, long bytes);

    RegistryLimits NONE = new RegistryLimits() {
        @Override
        public void beforePush(RepositoryName repo, Digest digest, long bytes) {
        }

        @Override
        public void beforePull(RepositoryName repo) {
        }

        @Override
        public void pulled(RepositoryName repo, long bytes) {
        }
    };
}
