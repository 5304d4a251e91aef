package dev.wharf.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Issues docker credentials on demand, as DigitalOcean's registry does: a username and password, read-only or
 * read-write, optionally expiring, acting for {@code owner} and never beyond what {@code owner} may do.
 * Neither the username nor the password contains {@code :}.
 */
public interface DockerCredentialIssuer {

    /** {@code expiry} null means the credential does not expire (until revoked). */
    Issued issue(Principal owner, boolean readWrite, Duration expiry);

    record Issued(String username, String password, Instant expiresAt) {
    }
}
