package dev.wharf.http.ui;

import dev.wharf.meta.RegistryRecord;
import dev.wharf.tenancy.RegistryService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overview's registries when registries are defined: each defined registry shows its tier, its exact usage
 * (each blob counted once, as quotas count it) against its quota (an operator's quota, else the tier's included
 * storage); repository counts and last pushes come from the metadata, and names outside every defined registry
 * are still listed as the metadata derives them.
 */
public final class TenantRegistrySummaries implements RegistrySummaries {
    private final RegistryService registries;
    private final RegistrySummaries derived;

    public TenantRegistrySummaries(RegistryService registries, RegistrySummaries derived) {
        this.registries = registries;
        this.derived = derived;
    }

    @Override
    public List<RegistrySummary> list() {
        Map<String, RegistrySummary> byName = new TreeMap<>();
        for (RegistrySummary s : derived.list()) {
            byName.put(s.name(), s);
        }
        for (RegistryService.View v : registries.list(null)) {
            RegistryRecord r = v.record();
            RegistrySummary seen = byName.get(r.name());
            long quota = r.storageQuotaBytes() != null ? r.storageQuotaBytes() : v.tier().includedStorageBytes();
            byName.put(r.name(), new RegistrySummary(r.name(), v.tier().name(),
                    r.storageUsageBytes(), quota, seen == null ? 0 : seen.repositoryCount(),
                    seen == null ? null : seen.lastPush()));
        }
        return new ArrayList<>(byName.values());
    }
}
