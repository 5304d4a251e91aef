package dev.wharf.auth;

import java.util.Set;

/**
 * Decides what a principal may do. The data plane, the token service and the management API all ask this one
 * place, so a rule is written once. Default deny: unknown principals, repositories and actions get nothing.
 */
public interface AccessPolicy {

    /**
     * The subset of {@code requested} that {@code principal} may perform on repository {@code repository}
     * (a full name such as {@code team/app}). Anonymous principals get {@code pull} only on public repositories.
     */
    Set<Action> allowed(Principal principal, String repository, Set<Action> requested);

    /** True when {@code principal} may list the registry catalog (results are still filtered per repository). */
    boolean mayListCatalog(Principal principal);

    /**
     * True when {@code principal} may use the management API with {@code scope} on {@code registry}
     * ({@code null} registry: account-wide, e.g. creating a registry or listing options). Default deny.
     */
    default boolean mayManage(Principal principal, String registry, ApiScope scope) {
        return false;
    }
}
