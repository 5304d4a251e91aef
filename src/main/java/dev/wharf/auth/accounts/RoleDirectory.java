package dev.wharf.auth.accounts;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.AuditLog.Event;
import dev.wharf.auth.RegistryRoles;
import dev.wharf.meta.SqlAccess;

import java.time.Clock;
import java.util.List;

/**
 * Who has which role on which registry, and which registries or repositories anyone may pull. The registry
 * service calls {@link #grant} for a registry's creator and {@link #revokeAll} when it deletes one. Every change is
 * audited.
 */
public final class RoleDirectory implements RegistryRoles {
    private final SqlAccess sql;
    private final AuditLog audit;
    private final Clock clock;
    private final Actor system;

    RoleDirectory(SqlAccess sql, AuditLog audit, Clock clock) {
        this.sql = sql;
        this.audit = audit;
        this.clock = clock;
        this.system = new Actor("wharf", null);
    }

    /** Grants (or changes) a role; the account must be a user or robot. */
    @Override
    public void grant(String registry, String account, Role role) {
        grant(system, registry, account, role);
    }

    public void grant(Actor actor, String registry, String account, Role role) {
        Names.registry(registry);
        Names.account(account);
        sql.write(s -> {
            if (AccountTable.find(s, account).isEmpty()) {
                throw AccountException.notFound("no user or robot named \"" + account + "\"");
            }
            RoleTable.upsert(s, registry, account, role, clock.instant());
            return null;
        });
        record(actor, "role_grant", registry, account + "=" + RoleTable.column(role));
    }

    public void revoke(Actor actor, String registry, String account) {
        Names.registry(registry);
        boolean removed = sql.write(s -> RoleTable.delete(s, registry, account));
        if (!removed) {
            throw AccountException.notFound("\"" + account + "\" has no role on registry \"" + registry + "\"");
        }
        record(actor, "role_revoke", registry, account);
    }

    /** Drops the roles and public flag of {@code registry} and revokes the docker credentials issued for it. */
    @Override
    public void revokeAll(String registry) {
        int[] n = sql.write(s -> {
            RoleTable.unsetPublicRegistry(s, registry);
            return new int[]{RoleTable.deleteRegistry(s, registry),
                    TokenTable.revokeRegistry(s, registry, clock.instant())};
        });
        record(system, "role_revoke", registry, "all " + n[0] + " grants and " + n[1]
                + " docker credentials (registry deleted)");
    }

    /** Grants, filtered by registry and/or account (null = any). */
    public List<RoleGrant> list(String registry, String account) {
        return sql.read(s -> RoleTable.list(s, registry, account));
    }

    /** Makes a registry ({@code team}) or a repository ({@code team/app}) pullable by anyone. */
    public void setPublic(Actor actor, String name) {
        Names.registryOrRepository(name);
        if (!sql.write(s -> RoleTable.setPublic(s, name, clock.instant()))) {
            throw AccountException.conflict("\"" + name + "\" is already public");
        }
        record(actor, "public_set", name, null);
    }

    public void unsetPublic(Actor actor, String name) {
        if (!sql.write(s -> RoleTable.unsetPublic(s, name))) {
            throw AccountException.notFound("\"" + name + "\" is not public");
        }
        record(actor, "public_unset", name, null);
    }

    public List<String> listPublic() {
        return sql.read(RoleTable::listPublic);
    }

    private void record(Actor actor, String action, String target, String detail) {
        audit.record(new Event(clock.instant(), actor.name(), action, target, actor.address(), detail));
    }
}
