package dev.wharf.tenancy;

import java.util.List;

/** A request about registries that cannot be done, with the reason as a kind the API maps to a status. */
public final class TenancyException extends RuntimeException {

    public enum Kind {
        /** No such registry, repository, tag or manifest. */
        NOT_FOUND,
        /** The name is taken. */
        CONFLICT,
        /** The request is malformed or breaks a rule (name, tier, region, quota). */
        INVALID,
        /** The account or registry is not eligible (too many registries, repositories or bytes for the tier). */
        NOT_ELIGIBLE
    }

    private final Kind kind;
    private final List<String> reasons;

    private TenancyException(Kind kind, String message, List<String> reasons) {
        super(message, null, false, false);
        this.kind = kind;
        this.reasons = List.copyOf(reasons);
    }

    public static TenancyException notFound(String message) {
        return new TenancyException(Kind.NOT_FOUND, message, List.of());
    }

    public static TenancyException conflict(String message) {
        return new TenancyException(Kind.CONFLICT, message, List.of());
    }

    public static TenancyException invalid(String message) {
        return new TenancyException(Kind.INVALID, message, List.of());
    }

    /** {@code reasons} are DigitalOcean's eligibility words, e.g. {@code OverRegistryLimit}. */
    public static TenancyException notEligible(String message, List<String> reasons) {
        return new TenancyException(Kind.NOT_ELIGIBLE, message, reasons);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> reasons() {
        return reasons;
    }
}
