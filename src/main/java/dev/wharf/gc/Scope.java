package dev.wharf.gc;

import dev.wharf.oci.RepositoryName;

import java.time.Instant;

/**
 * What one run looks at and what it may collect: the repositories of {@code registry} (null: the whole instance),
 * content older than {@code cutoff} (now minus the grace period), whether referrers whose subject is gone go too,
 * and whether it only reports ({@code dryRun}).
 */
record Scope(String registry, Instant cutoff, boolean deleteOrphanReferrers, boolean dryRun) {

    boolean contains(RepositoryName repo) {
        return registry == null || repo.value().startsWith(registry + "/");
    }

    boolean old(long epochMillis) {
        return epochMillis < cutoff.toEpochMilli();
    }
}
