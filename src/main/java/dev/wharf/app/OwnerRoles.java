package dev.wharf.app;

import dev.wharf.auth.RegistryRoles;
import dev.wharf.auth.accounts.AccountServices;

/**
 * Registry roles as the CLI grants them: the owner of a registry created from the command line becomes its admin,
 * as through the API, when it is an account already; an open instance with no accounts keeps the owner as a name.
 */
final class OwnerRoles implements RegistryRoles {
    private final AccountServices accounts;

    OwnerRoles(AccountServices accounts) {
        this.accounts = accounts;
    }

    @Override
    public void grant(String registry, String account, Role role) {
        if (accounts.accounts().find(account).isPresent()) {
            accounts.roles().grant(registry, account, role);
        }
    }

    @Override
    public void revokeAll(String registry) {
        accounts.roles().revokeAll(registry);
    }
}
