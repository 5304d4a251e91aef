package dev.wharf.http.api;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.ApiScope;

/** Checks the caller's API scope on a registry ({@code null}: account-wide) before an endpoint acts. */
final class Access {
    private final AccessPolicy policy;

    Access(AccessPolicy policy) {
        this.policy = policy;
    }

    void require(ApiRequest req, String registry, ApiScope scope) {
        if (!may(req, registry, scope)) {
            throw ApiError.forbidden();
        }
    }

    boolean may(ApiRequest req, String registry, ApiScope scope) {
        return policy != null && policy.mayManage(req.principal(), registry, scope);
    }
}
