package dev.wharf.config;

import java.util.List;
import java.util.Optional;

/**
 * Registries (tenants) and their management API. {@code apiAddr} is the listener serving the DigitalOcean-shaped API
 * at its root (null: only under {@code /api} on the main port). {@code required}: when true and at least one
 * registry exists, pushes to a repository whose first path component is not a registry are refused with
 * {@code DENIED}; when false (the default) they behave as on registry:2, with no quota.
 */
public record RegistriesConfig(String apiAddr, boolean required, List<String> regions, List<Tier> tiers) {

    public static final String DEFAULT_API_ADDR = ":5001";

    public RegistriesConfig {
        regions = List.copyOf(regions);
        tiers = List.copyOf(tiers);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("at least one region is needed");
        }
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("at least one tier is needed");
        }
    }

    /**
     * A subscription tier, with DigitalOcean's field names. {@code includedRepositories} 0 means unlimited;
     * {@code maxRegistries} is how many registries an account may hold on this tier.
     */
    public record Tier(String slug, String name, long includedRepositories, long includedStorageBytes,
                       boolean allowStorageOverage, long includedBandwidthBytes, boolean allowBandwidthOverage,
                       long monthlyPriceInCents, long storageOveragePriceInCents, int maxRegistries) {
    }

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** DigitalOcean's three tiers. */
    public static final List<Tier> DIGITALOCEAN_TIERS = List.of(
            new Tier("starter", "Starter", 1, 500 * MIB, false, 500 * MIB, false, 0, 0, 1),
            new Tier("basic", "Basic", 5, 5 * GIB, true, 5 * GIB, true, 500, 2, 1),
            new Tier("professional", "Professional", 0, 100 * GIB, true, 100 * GIB, true, 2000, 2, 10));

    public static RegistriesConfig defaults() {
        return new RegistriesConfig(DEFAULT_API_ADDR, false, List.of("local"), DIGITALOCEAN_TIERS);
    }

    public Optional<Tier> tier(String slug) {
        return tiers.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** The region new registries get when none is asked for. */
    public String defaultRegion() {
        return regions.get(0);
    }

    public RegistriesConfig withApiAddr(String addr) {
        return new RegistriesConfig(addr, required, regions, tiers);
    }

    public RegistriesConfig withRequired(boolean v) {
        return new RegistriesConfig(apiAddr, v, regions, tiers);
    }

    public RegistriesConfig withRegions(List<String> v) {
        return new RegistriesConfig(apiAddr, required, v, tiers);
    }

    public RegistriesConfig withTiers(List<Tier> v) {
        return new RegistriesConfig(apiAddr, required, regions, v);
    }
}
