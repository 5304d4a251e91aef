package dev.wharf.content;

import dev.wharf.meta.LinkQuota;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A registry's storage quota and repository limit: the arithmetic and the refusals ({@code DENIED}), in one place.
 * The metadata store asks it in the transaction that links a blob (the exact decision, see {@link LinkQuota}); the
 * data plane asks it earlier with what it knows, so a push is refused before its bytes are stored: the declared
 * size ({@link #refuseStorage}), the bytes staged in unfinished uploads ({@link #stagedFits}) and a repository
 * that would be one too many ({@link #refuseRepository}).
 */
public final class QuotaRule implements LinkQuota {

    /** The rule holds no state; everyone shares this one. */
    public static final QuotaRule INSTANCE = new QuotaRule();

    private QuotaRule() {
    }

    @Override
    public void storage(Registry registry, long usageBefore, long adding) {
        refuseStorage(registry.name(), registry.tier(), registry.storageLimitBytes(), usageBefore, adding);
    }

    @Override
    public void repositories(Registry registry, LongSupplier withContent) {
        if (registry.repositoryLimit() != null) {
            refuseRepository(registry.name(), registry.tier(), registry.repositoryLimit(), withContent.getAsLong());
        }
    }

    /** Refuses {@code adding} bytes more into a registry using {@code usage} of its {@code quota} (null: none). */
    public void refuseStorage(String registry, String tier, Long quota, long usage, long adding) {
        if (quota != null && exceeds(quota, usage, 0, adding)) {
            throw ErrorCode.DENIED.exception("storage quota exceeded: registry " + registry + " (tier " + tier
                    + ") uses " + usage + " of its " + quota + "-byte quota and this push needs " + adding
                    + " more bytes", Map.of("registry", registry, "quota_bytes", quota, "usage_bytes", usage,
                    "tier", tier));
        }
    }

    /** Whether {@code adding} more bytes fit beside the {@code staged} ones of the registry's unfinished uploads. */
    public boolean stagedFits(StorageRoom room, long staged, long adding) {
        return !exceeds(room.quotaBytes(), room.usageBytes(), staged, adding);
    }

    /** The refusal when {@link #stagedFits} says no: bytes staged in unfinished uploads count against the quota. */
    public OciException stagedExceeded(StorageRoom room, long staged, long adding) {
        return ErrorCode.DENIED.exception("storage quota exceeded: registry " + room.registry() + " (tier "
                + room.tier() + ") uses " + room.usageBytes() + " of its " + room.quotaBytes() + "-byte quota, "
                + staged + " bytes are staged in its unfinished uploads, and this push needs " + adding
                + " more bytes", Map.of("registry", room.registry(), "quota_bytes", room.quotaBytes(),
                "usage_bytes", room.usageBytes(), "staged_bytes", staged, "tier", room.tier()));
    }

    /** Refuses when the registry would hold {@code withContent} repositories, more than its {@code limit}. */
    public void refuseRepository(String registry, String tier, long limit, long withContent) {
        if (withContent > limit) {
            throw ErrorCode.DENIED.exception("repository limit reached: registry " + registry + " (tier " + tier
                    + ") may hold " + limit + (limit == 1 ? " repository" : " repositories"),
                    Map.of("registry", registry, "repository_limit", limit, "tier", tier));
        }
    }

    private static boolean exceeds(long quota, long usage, long staged, long adding) {
        return usage + staged + adding > quota;
    }
}
