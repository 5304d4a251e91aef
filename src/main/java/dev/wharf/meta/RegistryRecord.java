package dev.wharf.meta;

import java.time.Instant;

/**
 * A stored registry (tenant): the first path component of its repositories. {@code limits} are what the store
 * enforces when a blob is linked or pulled (copied from the tier); {@code storageQuotaBytes} is an operator's quota
 * that replaces the tier's included storage, or null.
 */
public record RegistryRecord(String name, String owner, String region, String tier, Long storageQuotaBytes,
                             Limits limits, boolean gcEnabled, long storageUsageBytes,
                             Instant storageUsageBytesUpdatedAt, Instant createdAt, Instant subscriptionCreatedAt,
                             Instant subscriptionUpdatedAt) {

    /**
     * What the store refuses beyond; a null field is no limit. {@code storageBytes} caps the registry's usage,
     * {@code repositories} the number of repositories with content, {@code bandwidthBytes} a month's egress.
     */
    public record Limits(Long storageBytes, Long repositories, Long bandwidthBytes) {
        public static final Limits NONE = new Limits(null, null, null);
    }

    /** What a new registry, or a change of tier, writes. */
    public record Plan(String tier, Long storageQuotaBytes, Limits limits, boolean gcEnabled) {
    }
}
