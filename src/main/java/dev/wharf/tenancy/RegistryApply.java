package dev.wharf.tenancy;

import dev.wharf.meta.RegistryRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code wharf apply}: compares definitions with the stored registries, plans creates and changes, and carries them
 * out. Idempotent (applying the same file twice changes nothing the second time). Name, region and owner never
 * change: a definition that would change one is refused, naming the field, before anything is applied.
 */
public final class RegistryApply {

    public enum Action { CREATE, UPDATE, UNCHANGED }

    /** One registry's part of the plan; {@code changes} describe an update, e.g. {@code tier: starter -> basic}. */
    public record Step(Action action, RegistryDefinition definition, List<String> changes) {
        public String describe() {
            String name = definition.name();
            return switch (action) {
                case CREATE -> "+ create registry " + name + " (" + String.join(", ", changes) + ")";
                case UPDATE -> "~ update registry " + name + ": " + String.join(", ", changes);
                case UNCHANGED -> "= registry " + name + " is up to date";
            };
        }
    }

    private final RegistryService service;
    private final Plans plans;

    public RegistryApply(RegistryService service) {
        this.service = service;
        this.plans = new Plans(service.config());
    }

    /** The plan; throws {@link TenancyException} (naming the field) for an immutable change or an invalid value. */
    public List<Step> plan(List<RegistryDefinition> definitions, String defaultOwner) {
        List<Step> steps = new ArrayList<>();
        for (RegistryDefinition d : definitions) {
            var existing = service.find(d.name());
            if (existing.isEmpty()) {
                steps.add(create(d, defaultOwner));
            } else {
                steps.add(update(d, existing.get().record()));
            }
        }
        return steps;
    }

    private Step create(RegistryDefinition d, String defaultOwner) {
        String tier = d.tier() == null ? "basic" : d.tier();
        plans.plan(plans.tier(tier), d.storageQuotaBytes(), true); // validates tier and quota now
        String region = d.region() == null ? service.config().defaultRegion() : d.region();
        if (!service.config().regions().contains(region)) {
            throw TenancyException.invalid("registry " + d.name() + ": unknown region " + region + " (available: "
                    + String.join(", ", service.config().regions()) + ")");
        }
        List<String> what = new ArrayList<>(List.of("tier " + tier, "region " + region,
                "owner " + (d.owner() == null ? defaultOwner : d.owner())));
        if (d.storageQuotaBytes() != null) {
            what.add("storage_quota_bytes " + d.storageQuotaBytes());
        }
        return new Step(Action.CREATE, d, what);
    }

    private Step update(RegistryDefinition d, RegistryRecord r) {
        refuseChange(d.name(), "region", r.region(), d.region());
        refuseChange(d.name(), "owner", r.owner(), d.owner());
        List<String> changes = new ArrayList<>();
        String tier = d.tier() == null ? r.tier() : d.tier();
        if (!tier.equals(r.tier())) {
            changes.add("tier: " + r.tier() + " -> " + tier);
        }
        Long quota = d.storageQuotaBytes() == null ? r.storageQuotaBytes() : d.storageQuotaBytes();
        if (!Objects.equals(quota, r.storageQuotaBytes())) {
            changes.add("storage_quota_bytes: " + r.storageQuotaBytes() + " -> " + quota);
        }
        boolean gc = d.gcEnabled() == null ? r.gcEnabled() : d.gcEnabled();
        if (gc != r.gcEnabled()) {
            changes.add("garbage_collection_enabled: " + r.gcEnabled() + " -> " + gc);
        }
        plans.plan(plans.tier(tier), quota, gc);
        return new Step(changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE, d, changes);
    }

    private static void refuseChange(String name, String field, String stored, String wanted) {
        if (wanted != null && !wanted.equals(stored)) {
            throw TenancyException.invalid("registry " + name + ": " + field + " is immutable (it is " + stored
                    + ", the file says " + wanted + "); nothing was applied");
        }
    }

    /** Carries out a plan made by {@link #plan}. */
    public void apply(List<Step> steps, String defaultOwner) {
        for (Step s : steps) {
            RegistryDefinition d = s.definition();
            switch (s.action()) {
                case CREATE -> service.create(d.owner() == null ? defaultOwner : d.owner(),
                        new RegistryService.NewRegistry(d.name(), d.tier(), d.region(), d.storageQuotaBytes(),
                                d.gcEnabled()));
                case UPDATE -> {
                    RegistryRecord r = service.get(d.name()).record();
                    service.changeTier(d.name(), d.tier() == null ? r.tier() : d.tier(),
                            d.storageQuotaBytes() == null ? r.storageQuotaBytes() : d.storageQuotaBytes(),
                            d.gcEnabled() == null ? r.gcEnabled() : d.gcEnabled());
                }
                case UNCHANGED -> { }
            }
        }
    }
}
