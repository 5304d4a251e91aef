package dev.wharf.auth.accounts;

import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.Principal;

import java.time.Duration;

/**
 * Issues docker credentials as DigitalOcean's registry does: the username is the owner's account name and the
 * password a docker-credential token ({@code wharf_dcr_…}), read-only or read-write, expiring or not. It acts for
 * the owner and never beyond (see {@link TokenService#createDocker}). Neither part contains {@code :}.
 */
final class DockerCredentials implements DockerCredentialIssuer {
    private final TokenService tokens;

    DockerCredentials(TokenService tokens) {
        this.tokens = tokens;
    }

    /** {@code expiry} null or zero: no expiry (DigitalOcean's {@code expiry_seconds=0}). */
    @Override
    public Issued issue(Principal owner, String registry, boolean readWrite, Duration expiry) {
        TokenService.Created created;
        try {
            created = tokens.createDocker(owner, registry, readWrite, expiry);
        } catch (AccountException e) {
            if (e.kind() == AccountException.Kind.INVALID) {
                throw new Refused(e.getMessage()); // the caller's token or identity allows no such credential
            }
            throw e;
        }
        String owned = created.token().owner();
        String username = owned.isEmpty() || owned.indexOf(':') >= 0 ? "wharf" : owned;
        return new Issued(username, created.text(), created.token().expiresAt());
    }
}
