package dev.wharf.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Issues docker credentials on demand, as DigitalOcean's registry does: a username and password, read-only or
 * read-write, optionally expiring, acting for {@code owner} and never beyond what {@code owner} may do.
 * Neither the username nor the password contains {@code :}.
 */
public interface DockerCredentialIssuer {

    /**
     * A credential acting for {@code owner} on the repositories of {@code registry} only ({@code null}: wherever the
     * owner may act), revoked when that registry is deleted. {@code expiry} null means it does not expire (until
     * revoked).
     *
     * @throws Refused when {@code owner} may not have such a credential (e.g. its token allows no pull there)
     */
    Issued issue(Principal owner, String registry, boolean readWrite, Duration expiry);

    /** Account-wide credentials (the CLI's {@code wharf credentials}). */
    default Issued issue(Principal owner, boolean readWrite, Duration expiry) {
        return issue(owner, null, readWrite, expiry);
    }

    record Issued(String username, String password, Instant expiresAt) {
    }

    /** The caller may not have the credential it asked for; the message says why and holds no secret. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
