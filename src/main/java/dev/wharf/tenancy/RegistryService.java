package dev.wharf.tenancy;

import dev.wharf.auth.RegistryRoles;
import dev.wharf.config.RegistriesConfig.Tier;
import dev.wharf.config.RegistriesConfig;
import dev.wharf.events.Event;
import dev.wharf.events.Origin;
import dev.wharf.meta.ContentStore;
import dev.wharf.meta.RegistryRecord;
import dev.wharf.meta.RegistryStore;
import dev.wharf.meta.RegistryUsage;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registries (tenants): creating, reading, deleting, their subscription tier and usage. An account's subscription
 * is the tier of its registries (DigitalOcean bills tiers per account); the CLI may still set one registry's tier.
 * Creating grants the owner {@link RegistryRoles.Role#ADMIN}; deleting revokes every grant and removes the
 * repositories' metadata (blob bytes are left to garbage collection).
 */
public final class RegistryService {

    /** A registry with its tier. */
    public record View(RegistryRecord record, Tier tier) {
    }

    /** An account's subscription: its tier and when it was chosen and last changed. */
    public record Subscription(Tier tier, Instant createdAt, Instant updatedAt) {
    }

    /** A tier as the options endpoint lists it for one account. */
    public record TierOption(Tier tier, boolean eligible, List<String> eligibilityReasons) {
    }

    /**
     * What a new registry asks for; null fields take the defaults: the tier of the owner's subscription (the
     * {@code basic} tier for an account's first registry) and the first region.
     */
    public record NewRegistry(String name, String tier, String region, Long storageQuotaBytes, Boolean gcEnabled) {
    }

    private final RegistryStore store;
    private final ContentStore meta;
    private final RegistriesConfig config;
    private final RegistryRoles roles;
    private final Runnable onChange;
    private final Plans plans;

    /** {@code roles} may be null (no grants kept); {@code onChange} runs after a registry is created or deleted. */
    public RegistryService(RegistryStore store, ContentStore meta, RegistriesConfig config, RegistryRoles roles,
                           Runnable onChange) {
        this.store = store;
        this.meta = meta;
        this.config = config;
        this.roles = roles;
        this.onChange = onChange;
        this.plans = new Plans(config);
    }

    public RegistriesConfig config() {
        return config;
    }

    /** {@link #create(String, NewRegistry, Origin)} by the operator at the command line. */
    public View create(String owner, NewRegistry req) {
        return create(owner, req, Origin.commandLine());
    }

    /** Creates a registry for {@code owner}; the change and its event are one transaction. */
    public View create(String owner, NewRegistry req, Origin who) {
        String name = RegistryNames.require(req.name());
        List<RegistryRecord> owned = store.list(owner);
        Tier tier = plans.tier(req.tier() != null ? req.tier() : owned.isEmpty() ? defaultTier() : owned.get(0).tier());
        String region = req.region() == null || req.region().isEmpty() ? config.defaultRegion() : req.region();
        if (!config.regions().contains(region)) {
            throw TenancyException.invalid("unknown region \"" + region + "\" (available: "
                    + String.join(", ", config.regions()) + ")");
        }
        RegistryRecord.Plan plan = plans.plan(tier, req.storageQuotaBytes(), req.gcEnabled() == null || req.gcEnabled());
        int max = tier.maxRegistries();
        for (RegistryRecord r : owned) {
            max = Math.min(max, config.tier(r.tier()).map(Tier::maxRegistries).orElse(max));
        }
        if (owned.size() + 1 > max) {
            throw TenancyException.notEligible("account " + owner + " already holds " + owned.size()
                    + (owned.size() == 1 ? " registry" : " registries") + " and its tier allows " + max
                    + ": [" + Plans.OVER_REGISTRY_LIMIT + "]",
                    List.of(Plans.OVER_REGISTRY_LIMIT));
        }
        Event event = new Event.RegistryCreated(Instant.now(), who, name, tier.slug(), region);
        RegistryRecord created = store.create(name, owner, region, plan, event)
                .orElseThrow(() -> TenancyException.conflict("registry name " + name + " is already taken"));
        if (roles != null) {
            roles.grant(name, owner, RegistryRoles.Role.ADMIN);
        }
        onChange.run();
        return view(created);
    }

    /** For an account without registries: {@code basic} when configured (DigitalOcean's usual choice), else the first tier. */
    private String defaultTier() {
        return config.tier("basic").map(Tier::slug).orElse(config.tiers().get(0).slug());
    }

    public View get(String name) {
        return view(store.find(name).orElseThrow(() -> notFound(name)));
    }

    public Optional<View> find(String name) {
        return store.find(name).map(this::view);
    }

    /** Registries of {@code owner} ({@code null}: all), oldest first. */
    public List<View> list(String owner) {
        return store.list(owner).stream().map(this::view).toList();
    }

    /** True when {@code name} is a valid name no registry has. */
    public boolean nameAvailable(String name) {
        RegistryNames.require(name);
        return store.find(name).isEmpty();
    }

    /** {@link #delete(String, Origin)} by the operator at the command line. */
    public void delete(String name) {
        delete(name, Origin.commandLine());
    }

    /**
     * Deletes the registry, its repositories' metadata and every role grant on it. One event says so (its
     * repositories go with it, each in its own transaction, before the registry's row and its event).
     */
    public void delete(String name, Origin who) {
        store.find(name).orElseThrow(() -> notFound(name));
        for (RepositoryName repo : store.repositories(name)) {
            meta.deleteRepository(repo);
        }
        store.delete(name, new Event.RegistryDeleted(Instant.now(), who, name));
        if (roles != null) {
            roles.revokeAll(name);
        }
        onChange.run();
    }

    // --- subscriptions ---------------------------------------------------------------------------------------------

    public Subscription subscription(String owner) {
        RegistryRecord first = store.list(owner).stream().findFirst()
                .orElseThrow(() -> TenancyException.notFound("account " + owner + " has no registry, so no subscription"));
        return new Subscription(plans.tier(first.tier()), first.subscriptionCreatedAt(), first.subscriptionUpdatedAt());
    }

    /** Moves every registry of {@code owner} to {@code tierSlug}; refused with the reasons when not eligible. */
    public Subscription changeSubscription(String owner, String tierSlug) {
        return changeSubscription(owner, tierSlug, Origin.commandLine());
    }

    /** As {@link #changeSubscription(String, String)}, recording one change event per registry moved. */
    public Subscription changeSubscription(String owner, String tierSlug, Origin who) {
        List<RegistryRecord> owned = store.list(owner);
        if (owned.isEmpty()) {
            throw TenancyException.notFound("account " + owner + " has no registry, so no subscription");
        }
        Tier tier = plans.tier(tierSlug);
        requireEligible(tier, owned);
        for (RegistryRecord r : owned) {
            store.updatePlan(r.name(), planKeepingQuota(tier, r),
                    new Event.RegistryChanged(Instant.now(), who, r.name(), tier.slug()));
        }
        return subscription(owner);
    }

    /** Moves one registry to {@code tierSlug} (operators; the API changes a whole account). */
    public View changeTier(String name, String tierSlug, Long storageQuota, Boolean gcEnabled) {
        return changeTier(name, tierSlug, storageQuota, gcEnabled, Origin.commandLine());
    }

    public View changeTier(String name, String tierSlug, Long storageQuota, Boolean gcEnabled, Origin who) {
        RegistryRecord r = store.find(name).orElseThrow(() -> notFound(name));
        Tier tier = plans.tier(tierSlug);
        List<RegistryRecord> owned = store.list(r.owner());
        requireEligible(tier, owned.stream().filter(o -> o.name().equals(name)).toList(), owned.size());
        RegistryRecord.Plan plan = plans.plan(tier, storageQuota, gcEnabled == null ? r.gcEnabled() : gcEnabled);
        Event changed = new Event.RegistryChanged(Instant.now(), who, name, tier.slug());
        return view(store.updatePlan(name, plan, changed).orElseThrow(() -> notFound(name)));
    }

    public List<TierOption> options(String owner) {
        List<RegistryRecord> owned = owner == null ? List.of() : store.list(owner);
        List<TierOption> out = new ArrayList<>();
        for (Tier t : config.tiers()) {
            List<String> reasons = Plans.ineligibility(t, owned.size(), sizes(owned)).stream()
                    .filter(r -> !r.equals(Plans.OVER_REGISTRY_LIMIT)).toList();
            out.add(new TierOption(t, reasons.isEmpty(), reasons));
        }
        return out;
    }

    private void requireEligible(Tier tier, List<RegistryRecord> owned) {
        requireEligible(tier, owned, owned.size());
    }

    private void requireEligible(Tier tier, List<RegistryRecord> checked, int registries) {
        List<String> reasons = Plans.ineligibility(tier, registries, sizes(checked));
        if (!reasons.isEmpty()) {
            throw TenancyException.notEligible("registry is not eligible for tier because: " + reasons, reasons);
        }
    }

    private List<long[]> sizes(List<RegistryRecord> registries) {
        return registries.stream().map(r -> new long[]{store.repositoryCount(r.name()), r.storageUsageBytes()})
                .toList();
    }

    private RegistryRecord.Plan planKeepingQuota(Tier tier, RegistryRecord r) {
        Long quota = tier.allowStorageOverage() ? r.storageQuotaBytes() : null;
        return plans.plan(tier, quota, r.gcEnabled());
    }

    // --- usage --------------------------------------------------------------------------------------------------------

    public RegistryUsage.UsageReport usage(String name) {
        get(name);
        return store.usage(name);
    }

    /** Rebuilds the usage counters from scratch. */
    public RegistryUsage.UsageReport recomputeUsage(String name) {
        get(name);
        return store.recomputeUsage(name);
    }

    public long repositoryCount(String name) {
        return store.repositoryCount(name);
    }

    /** Bytes served this calendar month (UTC). */
    public long egressThisMonth(String name) {
        return store.egress(name, QuotaEnforcer.month(Instant.now()));
    }

    private View view(RegistryRecord r) {
        Tier tier = config.tier(r.tier()).orElseGet(() -> new Tier(r.tier(), r.tier(), 0, 0, true, 0, true, 0, 0, 1));
        return new View(r, tier);
    }

    static TenancyException notFound(String name) {
        return TenancyException.notFound("registry " + name + " not found");
    }
}
