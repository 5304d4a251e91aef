package dev.wharf.http.v2;

import dev.wharf.auth.Action;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a data-plane request needs: actions on one repository, the registry catalog, or only an authenticated
 * caller ({@code GET /v2/}, which docker login probes). Derived from the route alone, before any work is done.
 */
record RequiredAccess(String repository, Set<Action> actions, boolean catalog) {

    static RequiredAccess of(V2Route route, String method) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        return switch (route.kind()) {
            case BASE, NOT_FOUND -> new RequiredAccess(null, Set.of(), false);
            case CATALOG -> new RequiredAccess(null, Set.of(), true);
            case TAGS, REFERRERS -> new RequiredAccess(route.name(), EnumSet.of(Action.PULL), false);
            case MANIFEST, BLOB -> new RequiredAccess(route.name(), method.equals("DELETE") ? EnumSet.of(Action.DELETE)
                    : read ? EnumSet.of(Action.PULL) : EnumSet.of(Action.PULL, Action.PUSH), false);
            case UPLOADS, UPLOAD -> new RequiredAccess(route.name(), EnumSet.of(Action.PULL, Action.PUSH), false);
        };
    }

    boolean onlyAuthentication() {
        return repository == null && !catalog;
    }
}
