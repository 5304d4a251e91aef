package dev.wharf.http.auth;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.token.Scope;
import dev.wharf.auth.token.VerifiedToken;

import java.util.EnumSet;
import java.util.Set;

/**
 * A caller holding a verified bearer token: it may do exactly what the token's {@code access} claim grants. The
 * catalog shows what the token may pull, and with {@code registry:catalog:*} every repository the subject may pull
 * (decided by {@code policy} for Wharf's own tokens; all of them for an external token server's, as registry:2).
 */
record TokenCaller(VerifiedToken token, AccessPolicy policy) implements Caller {

    /** No token at all: nothing is granted, so every protected request is challenged. */
    static TokenCaller anonymous() {
        return new TokenCaller(new VerifiedToken(dev.wharf.auth.Principal.ANONYMOUS, java.util.List.of(), null, null), null);
    }

    @Override
    public dev.wharf.auth.Principal principal() {
        return token.principal();
    }

    @Override
    public Set<Action> allowed(String repository, Set<Action> requested) {
        Set<String> granted = token.granted(Scope.REPOSITORY, repository);
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (Action a : requested) {
            if (granted.contains(a.wireName()) || (granted.contains("*") && a != Action.CATALOG)) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public boolean mayListCatalog() {
        return token.granted(Scope.REGISTRY, "catalog").contains("*");
    }

    @Override
    public boolean listsInCatalog(String repository) {
        if (allowed(repository, EnumSet.of(Action.PULL)).contains(Action.PULL)) {
            return true;
        }
        if (!mayListCatalog()) {
            return false;
        }
        return policy == null || policy.allowed(principal(), repository, EnumSet.of(Action.PULL)).contains(Action.PULL);
    }
}
