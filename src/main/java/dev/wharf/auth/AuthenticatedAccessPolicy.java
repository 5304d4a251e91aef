package dev.wharf.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * registry:2's htpasswd semantics: every authenticated principal may do everything. Anonymous callers may only
 * pull repositories matching the public patterns (and list those in the catalog); with none, they get nothing.
 */
public final class AuthenticatedAccessPolicy implements AccessPolicy {
    private final RepositoryPatterns publicRepositories;

    public AuthenticatedAccessPolicy(RepositoryPatterns publicRepositories) {
        this.publicRepositories = publicRepositories;
    }

    @Override
    public Set<Action> allowed(Principal principal, String repository, Set<Action> requested) {
        if (!principal.isAnonymous()) {
            return requested.isEmpty() ? Set.of() : EnumSet.copyOf(requested);
        }
        return requested.contains(Action.PULL) && publicRepositories.matches(repository)
                ? EnumSet.of(Action.PULL) : Set.of();
    }

    @Override
    public boolean mayListCatalog(Principal principal) {
        return !principal.isAnonymous() || !publicRepositories.isEmpty();
    }
}
