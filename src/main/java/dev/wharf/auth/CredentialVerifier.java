package dev.wharf.auth;

import java.util.Optional;

/**
 * Checks a username and secret as presented in HTTP Basic auth or the token endpoint's password grant: an
 * htpasswd entry, a Wharf user or robot password, or a personal access token / docker credential (whose id is then
 * carried in {@link Principal#tokenId()}). Comparison is constant-time; secrets are never logged.
 */
public interface CredentialVerifier {

    /** The principal when the credentials are valid, empty otherwise (including expired or revoked tokens). */
    Optional<Principal> verify(String username, String secret);

    /**
     * True while {@code principal} may still act: the account exists and is enabled, and its token (if any) is
     * neither revoked nor expired. The token service asks this before honouring a refresh token.
     */
    boolean stillValid(Principal principal);

    /**
     * While {@code principal} may still act, a value that changes whenever its access may have shrunk: a role
     * granted, changed or revoked, a password changed, the account removed (and perhaps created again). Wharf's JWTs
     * carry the stamp they were issued under and count only while it is current, so such changes end them at their
     * next request, also when made by another process. Empty when the principal may no longer act, and for
     * anonymous callers, whose tokens carry none. Read per request: it must be cheap (one indexed row).
     */
    default Optional<String> accessStamp(Principal principal) {
        return Optional.empty();
    }
}
