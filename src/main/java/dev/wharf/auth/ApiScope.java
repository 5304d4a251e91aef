package dev.wharf.auth;

import java.util.Locale;

/**
 * What a caller may do through the management API, as DigitalOcean's API token scopes name it
 * ({@code registry:create}, {@code registry:read}, {@code registry:update}, {@code registry:delete}).
 */
public enum ApiScope {
    CREATE, READ, UPDATE, DELETE;

    /** The wire name, e.g. {@code registry:read}. */
    public String wireName() {
        return "registry:" + name().toLowerCase(Locale.ROOT);
    }

    /** The scope for a wire name, or null when unknown (unknown scopes grant nothing). */
    public static ApiScope fromWire(String s) {
        for (ApiScope scope : values()) {
            if (scope.wireName().equals(s)) {
                return scope;
            }
        }
        return null;
    }
}
