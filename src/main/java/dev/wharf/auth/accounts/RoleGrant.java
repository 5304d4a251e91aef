package dev.wharf.auth.accounts;

import dev.wharf.auth.RegistryRoles.Role;

/** One grant: {@code account} has {@code role} on {@code registry}. */
public record RoleGrant(String registry, String account, Role role) {
}
