package dev.wharf.tenancy;

import dev.wharf.meta.RegistryRecord;
import dev.wharf.meta.RegistryStore;
import dev.wharf.meta.RepositoryListings;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.QuotaMessages;
import dev.wharf.content.QuotaRule;
import dev.wharf.content.RegistryLimits;
import dev.wharf.content.StorageRoom;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * Registries' quotas on the data plane. Refuses early, before bytes are stored, what the declared size shows would
 * pass a storage cap or a repository limit; the metadata store asks the same {@link QuotaRule} again in the
 * transaction that links the blob, so concurrent pushes cannot pass it together. {@link #storageRoom} tells uploads
 * what is left, which their staged bytes share while they stream. Counts blob and manifest GET bytes per registry
 * and calendar month (UTC) and, beyond the included bandwidth of a tier without overage, refuses pulls with
 * {@code TOOMANYREQUESTS}.
 *
 * <p>Whether any registry exists is remembered for a few seconds, so a Wharf without registries pays nothing per
 * request; {@link #refresh} forgets it at once (after a create or delete in this process).
 */
public final class QuotaEnforcer implements RegistryLimits {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final long REMEMBER_MILLIS = 5_000;

    private final RegistryStore store;
    private final RepositoryListings meta;
    private final boolean required;
    private final Clock clock;
    private volatile long anyCheckedAt = Long.MIN_VALUE;
    private volatile boolean any;

    /** {@code required}: pushes outside every registry are refused once one registry exists. */
    public QuotaEnforcer(RegistryStore store, RepositoryListings meta, boolean required, Clock clock) {
        this.store = store;
        this.meta = meta;
        this.required = required;
        this.clock = clock;
    }

    public void refresh() {
        anyCheckedAt = Long.MIN_VALUE;
    }

    /** The calendar month ({@code YYYY-MM}, UTC) egress is counted in. */
    public static String month(Instant at) {
        return MONTH.format(at);
    }

    @Override
    public void beforePush(RepositoryName repo, Digest digest, long bytes) {
        Optional<RegistryRecord> found = registryOf(repo);
        if (found.isEmpty()) {
            if (required && anyRegistry()) {
                throw ErrorCode.DENIED.exception(QuotaMessages.unknownRegistry(repo.namespace()),
                        Map.of("registry", repo.namespace()));
            }
            return;
        }
        RegistryRecord r = found.get();
        Long repoLimit = r.limits().repositories();
        if (repoLimit != null && !meta.repositoryExists(repo)) { // this push would make it one repository more
            QuotaRule.INSTANCE.refuseRepository(r.name(), r.tier(), repoLimit, store.repositoryCount(r.name()) + 1);
        }
        Long cap = r.limits().storageBytes();
        // an unknown size (0) is decided once it is known; a blob the registry holds adds nothing
        if (cap == null || bytes <= 0 || (digest != null && store.holdsBlob(r.name(), digest.toString()))) {
            return;
        }
        QuotaRule.INSTANCE.refuseStorage(r.name(), r.tier(), cap, r.storageUsageBytes(), bytes);
    }

    @Override
    public Optional<StorageRoom> storageRoom(RepositoryName repo, Digest digest) {
        Optional<RegistryRecord> found = registryOf(repo);
        if (found.isEmpty() || found.get().limits().storageBytes() == null) {
            return Optional.empty();
        }
        RegistryRecord r = found.get();
        if (digest != null && store.holdsBlob(r.name(), digest.toString())) {
            return Optional.empty();
        }
        return Optional.of(new StorageRoom(r.name(), r.tier(), r.limits().storageBytes(), r.storageUsageBytes()));
    }

    @Override
    public void beforePull(RepositoryName repo) {
        Optional<RegistryRecord> found = registryOf(repo);
        if (found.isEmpty() || found.get().limits().bandwidthBytes() == null) {
            return;
        }
        RegistryRecord r = found.get();
        String month = month(clock.instant());
        long used = store.egress(r.name(), month);
        long limit = r.limits().bandwidthBytes();
        if (used >= limit) {
            throw ErrorCode.TOOMANYREQUESTS.exception(QuotaMessages.bandwidth(r.name(), r.tier(), limit, used, month),
                    Map.of("registry", r.name(), "bandwidth_bytes", limit, "used_bytes", used, "month", month,
                            "tier", r.tier()));
        }
    }

    @Override
    public void pulled(RepositoryName repo, long bytes) {
        if (bytes > 0) {
            registryOf(repo).ifPresent(r -> store.addEgress(r.name(), month(clock.instant()), bytes));
        }
    }

    /** The registry of a repository ({@code registry/…}); never for single-component names. */
    private Optional<RegistryRecord> registryOf(RepositoryName repo) {
        if (repo.value().indexOf('/') < 0 || !anyRegistry()) {
            return Optional.empty();
        }
        return store.find(repo.namespace());
    }

    private boolean anyRegistry() {
        long now = clock.millis();
        if (now - anyCheckedAt > REMEMBER_MILLIS || anyCheckedAt == Long.MIN_VALUE) {
            any = store.any();
            anyCheckedAt = now;
        }
        return any;
    }
}
