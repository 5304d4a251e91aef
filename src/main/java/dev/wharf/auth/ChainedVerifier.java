package dev.wharf.auth;

import java.util.Optional;

/**
 * The htpasswd file's users and Wharf's accounts side by side: the file is asked first, then the accounts. A
 * principal stays valid only with the source that vouched for it.
 */
public record ChainedVerifier(CredentialVerifier htpasswd, CredentialVerifier accounts) implements CredentialVerifier {

    @Override
    public Optional<Principal> verify(String username, String secret) {
        Optional<Principal> p = htpasswd.verify(username, secret);
        return p.isPresent() ? p : accounts.verify(username, secret);
    }

    @Override
    public boolean stillValid(Principal principal) {
        return principal.kind() == Principal.Kind.HTPASSWD ? htpasswd.stillValid(principal) : accounts.stillValid(principal);
    }

    @Override
    public Optional<String> accessStamp(Principal principal) {
        return principal.kind() == Principal.Kind.HTPASSWD ? htpasswd.accessStamp(principal)
                : accounts.accessStamp(principal);
    }
}
