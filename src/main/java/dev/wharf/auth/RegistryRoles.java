package dev.wharf.auth;

/**
 * Membership of accounts in registries. The registry service grants its creator {@link Role#ADMIN} and drops
 * every grant when a registry is deleted; the access policy reads the grants to decide.
 */
public interface RegistryRoles {

    enum Role {
        ADMIN, WRITER, READER
    }

    void grant(String registry, String account, Role role);

    /** Removes every grant on {@code registry}: roles, and credentials issued for it (the registry was deleted). */
    void revokeAll(String registry);
}
