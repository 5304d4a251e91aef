package dev.wharf.meta;

import java.util.Map;

/**
 * What a registry uses: stored bytes (counters kept in the transaction that links or unlinks a blob, see
 * {@link LinkQuota}), repositories with content and monthly egress.
 */
public interface RegistryUsage {

    /** Repositories of the registry that have content. */
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

    /** Total bytes and bytes per repository (repositories with no blobs are left out). */
    record UsageReport(long total, Map<String, Long> repositories) {
    }
}
