package dev.wharf.http.ui;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.Principal;

import java.util.Set;

/**
 * The person looking at the UI and what they may see and do. On an open server (no auth configured) everyone
 * may do everything the data plane allows; otherwise every decision is the {@link AccessPolicy}'s.
 */
record Viewer(Principal principal, AccessPolicy policy, boolean deleteEnabled) {

    static Viewer open(boolean deleteEnabled) {
        return new Viewer(Principal.ANONYMOUS, null, deleteEnabled);
    }

    boolean isOpen() {
        return policy == null;
    }

    /** The name to greet: the account, or empty on an open server. */
    String name() {
        return principal.name();
    }

    boolean maySee(String repository) {
        return isOpen() || policy.allowed(principal, repository, Set.of(Action.PULL)).contains(Action.PULL);
    }

    boolean mayDelete(String repository) {
        return deleteEnabled
                && (isOpen() || policy.allowed(principal, repository, Set.of(Action.DELETE)).contains(Action.DELETE));
    }

    /** Counting every repository tells more than the visible ones: only for viewers who may list the catalog. */
    boolean mayListAll() {
        return isOpen() || policy.mayListCatalog(principal);
    }

    boolean mayReadRegistry(String registry) {
        return isOpen() || policy.mayListCatalog(principal) || policy.mayManage(principal, registry, ApiScope.READ);
    }

    /** Garbage collection of one registry, or of the whole instance when {@code registry} is null. */
    boolean mayRunGc(String registry) {
        return isOpen() || policy.mayManage(principal, registry, ApiScope.UPDATE);
    }

    boolean mayReadGc(String registry) {
        return isOpen() || policy.mayManage(principal, registry, ApiScope.READ);
    }

    /** The audit log spans every registry and account, so reading it is an instance-wide management right. */
    boolean mayReadActivity() {
        return isOpen() || policy.mayManage(principal, null, ApiScope.READ);
    }
}
