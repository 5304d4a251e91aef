package dev.wharf.registry;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

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
