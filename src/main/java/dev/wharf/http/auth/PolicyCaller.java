package dev.wharf.http.auth;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.Principal;

import java.util.Set;

/** A caller whose every access is decided by the {@link AccessPolicy} (Basic auth and anonymous callers). */
record PolicyCaller(Principal principal, AccessPolicy policy) implements Caller {

    @Override
    public Set<Action> allowed(String repository, Set<Action> requested) {
        return policy.allowed(principal, repository, requested);
    }

    @Override
    public boolean mayListCatalog() {
        return policy.mayListCatalog(principal);
    }
}
