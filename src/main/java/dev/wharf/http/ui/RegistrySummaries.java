package dev.wharf.http.ui;

import java.time.Instant;
import java.util.List;

/**
 * The registries of this instance as the overview page shows them. The default derives them from repository
 * names ({@link MetadataRegistrySummaries}); a registry service with tiers and quotas can take its place.
 */
public interface RegistrySummaries {

    /** Every registry, sorted by name. */
    List<RegistrySummary> list();

    /**
     * One registry: {@code tier} may be null (no subscription tiers), {@code quotaBytes} null means no quota,
     * {@code lastPush} null means nothing was pushed yet.
     */
    record RegistrySummary(String name, String tier, long usedBytes, Long quotaBytes, long repositoryCount,
                           Instant lastPush) {

        /** Percent of the quota used (0–100, rounded down), or -1 without a quota. */
        public int percentUsed() {
            if (quotaBytes == null || quotaBytes <= 0) {
                return -1;
            }
            return (int) Math.min(100, usedBytes * 100 / quotaBytes);
        }
    }
}
