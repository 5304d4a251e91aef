package dev.wharf.auth.accounts;

import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.Principal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A personal access token or docker credential as stored (without its secret): whose it is, what it may touch,
 * until when. It acts for its owner and never beyond: what it allows is the owner's access narrowed by
 * {@link #scopes} (data plane) and {@link #apiScopes} (management API), and, when {@link #registry} is set (docker
 * credentials issued for one registry), to that registry's repositories.
 */
public record AccessToken(String id, Kind kind, String owner, Principal.Kind ownerKind, String name,
                          List<TokenScope> scopes, Set<ApiScope> apiScopes, String parentId,
                          Instant createdAt, Instant expiresAt, Instant revokedAt, String registry) {

    public enum Kind {
        PAT, DOCKER
    }

    public AccessToken {
        scopes = List.copyOf(scopes);
        apiScopes = apiScopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(apiScopes));
    }

    /** Neither revoked nor expired at {@code now} (its parent is checked separately). */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The repository actions this token's scopes allow on {@code repository}. */
    public Set<Action> allows(String repository) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        if (registry != null && !registry.equals(Names.registryOf(repository))) {
            return out;
        }
        for (TokenScope s : scopes) {
            out.addAll(s.on(repository));
        }
        return out;
    }

    /** True when the token may reach {@code registry} through the management API (its scopes name it, or none). */
    public boolean reachesRegistry(String registry) {
        if (this.registry != null && !this.registry.equals(registry)) {
            return false;
        }
        if (scopes.isEmpty()) {
            return true;
        }
        for (TokenScope s : scopes) {
            String r = s.repositories().registry();
            if (r == null || r.equals(registry)) {
                return true;
            }
        }
        return false;
    }

    public String state(Instant now) {
        return revokedAt != null ? "revoked" : activeAt(now) ? "active" : "expired";
    }
}
