package dev.wharf.tenancy;

import dev.wharf.config.RegistriesConfig;
import dev.wharf.config.RegistriesConfig.Tier;
import dev.wharf.meta.RegistryRecord;

import java.util.ArrayList;
import java.util.List;

/** Turns a tier (and an operator's quota) into what the store enforces, and says whether registries fit a tier. */
final class Plans {

    /** DigitalOcean's eligibility reasons. */
    static final String OVER_REPOSITORY_LIMIT = "OverRepositoryLimit";
    static final String OVER_STORAGE_LIMIT = "OverStorageLimit";
    static final String OVER_REGISTRY_LIMIT = "OverRegistryLimit";

    private final RegistriesConfig config;

    Plans(RegistriesConfig config) {
        this.config = config;
    }

    Tier tier(String slug) {
        return config.tier(slug).orElseThrow(() -> TenancyException.invalid("unknown subscription tier \"" + slug
                + "\" (known: " + String.join(", ", config.tiers().stream().map(Tier::slug).toList()) + ")"));
    }

    /**
     * The plan for {@code tier}: without overage, storage is capped at the included bytes; with overage, at the
     * operator's {@code storageQuota} when given (which only tiers with overage accept).
     */
    RegistryRecord.Plan plan(Tier tier, Long storageQuota, boolean gcEnabled) {
        if (storageQuota != null) {
            if (!tier.allowStorageOverage()) {
                throw TenancyException.invalid("storage_quota_bytes needs a tier that allows storage overage; tier "
                        + tier.slug() + " has a fixed quota of " + tier.includedStorageBytes() + " bytes");
            }
            if (storageQuota <= 0) {
                throw TenancyException.invalid("storage_quota_bytes must be more than 0");
            }
        }
        Long storage = tier.allowStorageOverage() ? storageQuota : Long.valueOf(tier.includedStorageBytes());
        Long repositories = tier.includedRepositories() == 0 ? null : tier.includedRepositories();
        Long bandwidth = tier.allowBandwidthOverage() ? null : tier.includedBandwidthBytes();
        return new RegistryRecord.Plan(tier.slug(), storageQuota, new RegistryRecord.Limits(storage, repositories,
                bandwidth), gcEnabled);
    }

    /** What keeps registries of one account (with the given repository counts and usage) off {@code tier}. */
    static List<String> ineligibility(Tier tier, int registries, List<long[]> repositoriesAndBytes) {
        List<String> reasons = new ArrayList<>();
        for (long[] r : repositoriesAndBytes) {
            if (tier.includedRepositories() != 0 && r[0] > tier.includedRepositories()
                    && !reasons.contains(OVER_REPOSITORY_LIMIT)) {
                reasons.add(OVER_REPOSITORY_LIMIT);
            }
            if (!tier.allowStorageOverage() && r[1] > tier.includedStorageBytes()
                    && !reasons.contains(OVER_STORAGE_LIMIT)) {
                reasons.add(OVER_STORAGE_LIMIT);
            }
        }
        if (registries > tier.maxRegistries()) {
            reasons.add(OVER_REGISTRY_LIMIT);
        }
        return reasons;
    }
}
