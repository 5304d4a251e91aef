package dev.wharf.registry.tenancy;

import dev.wharf.meta.MetadataStore;
import dev.wharf.meta.QuotaMessages;
import dev.wharf.meta.RegistryRecord;
import dev.wharf.meta.RegistryStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;
import dev.wharf.registry.RegistryLimits;
import dev.wharf.registry.StorageRoom;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * Registries' quotas on the data plane. Refuses early, before bytes are stored, what the declared size shows would
 * pass a storage cap; the metadata store checks the cap again in the transaction that links the blob, so concurrent
 * pushes cannot pass it together. {@link #storageRoom} tells uploads what is left, which their staged bytes share
 * while they stream. Counts blob and manifest GET bytes per registry and calendar month (UTC) and,
 * beyond the included bandwidth of a tier without overage, refuses pulls with {@code TOOMANYREQUESTS}.
 *
 * <p>Whether any registry exists is remembered for a few seconds, so a Wharf without registries pays nothing per
 * request; {@link #refresh} forgets it at once (after a create or delete in this process).
 */
public final class QuotaEnforcer implements RegistryLimits {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final long REMEMBER_MILLIS = 5_000;

    private final RegistryStore store;
    private final MetadataStore meta;
    private final boolean required;
    private final Clock clock;
    private volatile long anyCheckedAt = Long.MIN_VALUE;
    private volatile boolean any;

    /** {@code required}: pushes outside every registry are refused once one registry exists. */
    public QuotaEnforcer(RegistryStore store, MetadataStore meta, boolean required, Clock clock) {
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
        if (repoLimit != null && !meta.repositoryExists(repo) && store.repositoryCount(r.name()) >= repoLimit) {
            throw ErrorCode.DENIED.exception(QuotaMessages.repositories(r.name(), r.tier(), repoLimit),
                    Map.of("registry", r.name(), "repository_limit", repoLimit, "tier", r.tier()));
        }
        Long cap = r.limits().storageBytes();
        if (cap == null || bytes <= 0 || (digest != null && store.holdsBlob(r.name(), digest.toString()))) {
            return;
        }
        if (r.storageUsageBytes() + bytes > cap) {
            throw ErrorCode.DENIED.exception(QuotaMessages.storage(r.name(), r.tier(), cap, r.storageUsageBytes(),
                    bytes), Map.of("registry", r.name(), "quota_bytes", cap, "usage_bytes", r.storageUsageBytes(),
                    "tier", r.tier()));
        }
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
