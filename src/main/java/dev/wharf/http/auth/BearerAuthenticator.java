package dev.wharf.http.auth;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.token.VerifiedToken;
import dev.wharf.auth.token.InvalidTokenException;
import dev.wharf.auth.token.TokenVerifier;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Docker token auth on the data plane: {@code Authorization: Bearer <jwt>} checked by the {@link TokenVerifier}.
 * Requests without a token are anonymous and, like in registry:2, granted nothing, so the client is sent to the
 * token service by a challenge naming exactly the scope it needs; a rejected token adds {@code error="invalid_token"}.
 * A token Wharf issued to an account counts only while the account's access stamp is the one it was issued under
 * ({@link CredentialVerifier#accessStamp}; for a personal access token or docker credential, claim {@code wharf_tid},
 * while that credential is live too), so removing the account, revoking its roles or the credential ends the
 * short-lived tokens already obtained at their next request.
 */
public final class BearerAuthenticator implements Authenticator {
    private static final Logger log = LoggerFactory.getLogger(BearerAuthenticator.class);
    private static final String INVALID = BearerAuthenticator.class.getName() + ".invalid";

    private final TokenVerifier verifier;
    private final AccessPolicy ownTokensPolicy;
    private final String realm;
    private final String service;
    private final CredentialVerifier credentials;

    /**
     * @param realm           the token service URL; null means this server's own {@code /auth/token}
     * @param ownTokensPolicy the policy behind Wharf's own tokens (catalog filtering); null for an external server
     */
    public BearerAuthenticator(TokenVerifier verifier, AccessPolicy ownTokensPolicy, String realm, String service) {
        this(verifier, ownTokensPolicy, realm, service, null);
    }

    /** As above; {@code credentials} (null: none, an external token server) must still vouch for every signed-in token. */
    public BearerAuthenticator(TokenVerifier verifier, AccessPolicy ownTokensPolicy, String realm, String service,
                               CredentialVerifier credentials) {
        this.credentials = credentials;
        this.verifier = verifier;
        this.ownTokensPolicy = ownTokensPolicy;
        this.realm = realm;
        this.service = service;
    }

    @Override
    public Caller authenticate(Request request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return TokenCaller.anonymous();
        }
        try {
            VerifiedToken token = verifier.verifyAccess(header.substring(7));
            if (credentials != null && !token.principal().isAnonymous() && !current(token)) {
                throw new InvalidTokenException("the account's access changed since this token was issued,"
                        + " or its credential is revoked or expired");
            }
            return new TokenCaller(token, ownTokensPolicy);
        } catch (InvalidTokenException e) {
            log.debug("bearer token from {} refused: {}", RemoteAddress.of(request), e.getMessage());
            request.setAttribute(INVALID, Boolean.TRUE);
            return TokenCaller.anonymous();
        }
    }

    private boolean current(VerifiedToken token) {
        return token.stamp() != null && credentials.accessStamp(token.principal()).filter(token.stamp()::equals).isPresent();
    }

    @Override
    public OciException challenge(String repository, Set<Action> actions, boolean catalog) {
        return Challenges.unauthorized(header(realm == null ? "/auth/token" : realm, repository, actions, catalog, false),
                repository, actions, catalog);
    }

    @Override
    public OciException challenge(Request request, String repository, Set<Action> actions, boolean catalog) {
        String r = realm != null ? realm : ownRealm(request);
        boolean invalid = request.getAttribute(INVALID) != null;
        return Challenges.unauthorized(header(r, repository, actions, catalog, invalid), repository, actions, catalog);
    }

    private String header(String r, String repository, Set<Action> actions, boolean catalog, boolean invalid) {
        return Challenges.header("Bearer", Challenges.params("realm", r, "service", service,
                "scope", Challenges.scope(repository, actions, catalog), "error", invalid ? "invalid_token" : null));
    }

    /** {@code <scheme>://<host[:port]>/auth/token} as the client addressed this server. */
    static String ownRealm(Request request) {
        HttpURI uri = request.getHttpURI();
        String authority = uri.getHost() == null ? "localhost" : (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost());
        if (uri.getPort() > 0) {
            authority += ":" + uri.getPort();
        }
        return (uri.getScheme() == null ? "http" : uri.getScheme()) + "://" + authority + "/auth/token";
    }
}
