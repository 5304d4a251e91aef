package dev.wharf.auth.token;

import dev.wharf.auth.Principal;

import java.time.Instant;
import java.util.List;

/**
 * A bearer token that passed every check: who it was issued to, exactly what it grants, and the access stamp of the
 * account it was issued under (null when it carries none: anonymous, or an external token server's).
 */
public record VerifiedToken(Principal principal, List<Scope> access, Instant expiresAt, String stamp) {

    /** The actions the token grants on {@code name} of {@code type} (merged over all its entries). */
    public java.util.Set<String> granted(String type, String name) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Scope s : access) {
            if (s.type().equals(type) && s.name().equals(name)) {
                out.addAll(s.actions());
            }
        }
        return out;
    }
}
