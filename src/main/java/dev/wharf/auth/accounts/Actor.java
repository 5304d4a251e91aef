package dev.wharf.auth.accounts;

/** Who makes an administrative change and from where, for the audit log ({@code address} may be null). */
public record Actor(String name, String address) {

    /** The operator at this machine's command line. */
    public static Actor cli() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), "local");
    }
}
