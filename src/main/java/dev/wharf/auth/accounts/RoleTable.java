package dev.wharf.auth.accounts;

import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.meta.SqlAccess.Session;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL for {@code registry_roles} and {@code public_names}. Every change of an account's roles renews its access
 * stamp in the same transaction, so no caller can forget to end the tokens issued under the old roles.
 */
final class RoleTable {

    private RoleTable() {
    }

    /** Grants or replaces the account's role on the registry. */
    static void upsert(Session s, String registry, String account, Role role, Instant now) throws SQLException {
        AccessStamps.renew(s, account);
        s.update("INSERT INTO registry_roles (registry, account, role, granted_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (registry, account) DO UPDATE SET role = excluded.role,"
                        + " granted_at = excluded.granted_at",
                registry, account, column(role), now.toEpochMilli());
    }

    static boolean delete(Session s, String registry, String account) throws SQLException {
        AccessStamps.renew(s, account);
        return s.update("DELETE FROM registry_roles WHERE registry = ? AND account = ?", registry, account) == 1;
    }

    static int deleteRegistry(Session s, String registry) throws SQLException {
        AccessStamps.renewRegistry(s, registry);
        return s.update("DELETE FROM registry_roles WHERE registry = ?", registry);
    }

    static int deleteAccount(Session s, String account) throws SQLException {
        return s.update("DELETE FROM registry_roles WHERE account = ?", account);
    }

    static Optional<Role> role(Session s, String registry, String account) throws SQLException {
        return s.one("SELECT role FROM registry_roles WHERE registry = ? AND account = ?",
                rs -> role(rs.getString(1)), registry, account);
    }

    /** Grants, optionally filtered by registry and/or account (null = any). */
    static List<RoleGrant> list(Session s, String registry, String account) throws SQLException {
        return s.list("SELECT registry, account, role FROM registry_roles"
                        + " WHERE (? IS NULL OR registry = ?) AND (? IS NULL OR account = ?)"
                        + " ORDER BY registry, account",
                rs -> new RoleGrant(rs.getString(1), rs.getString(2), role(rs.getString(3))),
                registry, registry, account, account);
    }

    static boolean setPublic(Session s, String name, Instant now) throws SQLException {
        return s.update("INSERT INTO public_names (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                name, now.toEpochMilli()) == 1;
    }

    /** Forgets that a registry or any of its repositories was public (the registry was deleted). */
    static int unsetPublicRegistry(Session s, String registry) throws SQLException {
        return s.update("DELETE FROM public_names WHERE name = ? OR substr(name, 1, ?) = ?",
                registry, registry.length() + 1, registry + "/");
    }

    static boolean unsetPublic(Session s, String name) throws SQLException {
        return s.update("DELETE FROM public_names WHERE name = ?", name) == 1;
    }

    /** True when {@code repository} itself or its registry is public. */
    static boolean isPublic(Session s, String repository) throws SQLException {
        return s.exists("SELECT 1 FROM public_names WHERE name = ? OR name = ?",
                repository, Names.registryOf(repository));
    }

    static boolean anyPublic(Session s) throws SQLException {
        return s.exists("SELECT 1 FROM public_names");
    }

    static List<String> listPublic(Session s) throws SQLException {
        return s.list("SELECT name FROM public_names ORDER BY name", rs -> rs.getString(1));
    }

    static String column(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    static Role role(String column) {
        return Role.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
