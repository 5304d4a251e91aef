package dev.wharf.auth;

/**
 * Who is calling. {@code name} is the account name ({@code ""} for anonymous); {@code kind} says how it
 * authenticated. {@code tokenId} is set when the caller used a personal access token or docker credential, so
 * the token's own scopes narrow what the account may do.
 */
public record Principal(String name, Kind kind, String tokenId) {

    public enum Kind {
        ANONYMOUS, USER, ROBOT, HTPASSWD, TOKEN
    }

    public static final Principal ANONYMOUS = new Principal("", Kind.ANONYMOUS, null);

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }
}
