package dev.wharf.content;

/**
 * The wording of the refusals that are not a registry's storage quota or repository limit (those are
 * {@link QuotaRule}'s): the instance cap on staged bytes, monthly bandwidth and pushes outside every registry.
 */
public final class QuotaMessages {

    private QuotaMessages() {
    }

    /**
     * The instance-wide cap on bytes in unfinished uploads, which protects the disk whatever the registry. What other
     * tenants stage is not the caller's business, so only the cap is named.
     */
    public static String stagedCap(long cap) {
        return "too many bytes in unfinished uploads: this server holds at most " + cap + " bytes in them; finish or"
                + " cancel uploads, or try again later";
    }

    public static String bandwidth(String registry, String tier, long limit, long used, String month) {
        return "monthly bandwidth exhausted: registry " + registry + " (tier " + tier + ") served " + used + " of its "
                + limit + " included bytes in " + month + "; pulls resume next month or on a higher tier";
    }

    public static String unknownRegistry(String registry) {
        return "registry " + registry + " does not exist; create it first (repositories must start with a registry"
                + " name on this server)";
    }
}
