package dev.wharf.meta;

/** The wording of quota refusals, so the data plane and the services say the same thing. */
public final class QuotaMessages {

    private QuotaMessages() {
    }

    public static String storage(String registry, String tier, long quota, long usage, long adding) {
        return "storage quota exceeded: registry " + registry + " (tier " + tier + ") uses " + usage + " of its "
                + quota + "-byte quota and this push needs " + adding + " more bytes";
    }

    /** A push refused while streaming because bytes staged in unfinished uploads count against the quota too. */
    public static String staged(String registry, String tier, long quota, long usage, long staged, long adding) {
        return "storage quota exceeded: registry " + registry + " (tier " + tier + ") uses " + usage + " of its "
                + quota + "-byte quota, " + staged + " bytes are staged in its unfinished uploads, and this push"
                + " needs " + adding + " more bytes";
    }

    /**
     * The instance-wide cap on bytes in unfinished uploads, which protects the disk whatever the registry. What other
     * tenants stage is not the caller's business, so only the cap is named.
     */
    public static String stagedCap(long cap) {
        return "too many bytes in unfinished uploads: this server holds at most " + cap + " bytes in them; finish or"
                + " cancel uploads, or try again later";
    }

    public static String repositories(String registry, String tier, long limit) {
        return "repository limit reached: registry " + registry + " (tier " + tier + ") may hold " + limit
                + (limit == 1 ? " repository" : " repositories");
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
