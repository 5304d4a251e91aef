package dev.wharf.auth.accounts;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.RegistryRoles;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.meta.SqlAccess;

import java.time.Clock;
import java.util.List;

/**
 * Accounts, roles, tokens, credentials and the audit log on the metadata database, assembled in one place: the
 * server and the CLI each build one from their open {@link JdbcMetadataStore} (which keeps owning the connections).
 */
public final class AccountServices {
    private final DatabaseAuditLog audit;
    private final AccountDirectory accounts;
    private final RoleDirectory roles;
    private final TokenService tokens;
    private final AccountVerifier verifier;
    private final DefaultAccessPolicy policy;
    private final DockerCredentials issuer;

    private AccountServices(SqlAccess sql, Clock clock, boolean htpasswdFullAccess, List<String> publicPatterns) {
        audit = new DatabaseAuditLog(sql);
        sql.onEventsCommitted(audit::deliverCommitted);
        accounts = new AccountDirectory(sql, audit, clock);
        roles = new RoleDirectory(sql, audit, clock);
        tokens = new TokenService(sql, audit, clock);
        verifier = new AccountVerifier(sql, clock);
        policy = new DefaultAccessPolicy(sql, clock, htpasswdFullAccess,
                publicPatterns.stream().map(RepositoryPattern::new).toList());
        issuer = new DockerCredentials(tokens);
    }

    /** htpasswd users (no Wharf account) get full data-plane access, as in registry:2's htpasswd mode. */
    public static AccountServices create(JdbcMetadataStore store) {
        return create(store, List.of());
    }

    /**
     * As {@link #create(JdbcMetadataStore)}, and anyone may pull repositories matching {@code publicPatterns}
     * (the configuration's {@code auth.publicRepositories}: globs such as {@code library/*}, {@code *} matching any
     * characters, or bare registry names).
     *
     * @throws AccountException INVALID when a pattern is not one
     */
    public static AccountServices create(JdbcMetadataStore store, List<String> publicPatterns) {
        return new AccountServices(store.sql(), Clock.systemUTC(), true, publicPatterns);
    }

    /**
     * @param htpasswdFullAccess true: htpasswd users may pull, push and delete everywhere (registry:2); false: they
     *                           get only the roles granted to their name
     */
    public static AccountServices create(SqlAccess sql, Clock clock, boolean htpasswdFullAccess) {
        return new AccountServices(sql, clock, htpasswdFullAccess, List.of());
    }

    /** Users, robots and personal access tokens and docker credentials (any username), with passwords or secrets. */
    public CredentialVerifier verifier() {
        return verifier;
    }

    public AccessPolicy policy() {
        return policy;
    }

    public RegistryRoles roles() {
        return roles;
    }

    public DockerCredentialIssuer issuer() {
        return issuer;
    }

    /**
     * Audits committed events a crash (or another node's failed delivery) left in the outbox; the server calls it at
     * start and now and then. Failures are logged by the caller and retried at the next call.
     */
    public void deliverPendingEvents() {
        audit.deliverCommitted();
    }

    public AuditLog audit() {
        return audit;
    }

    /** Administration of users and robots (CLI). */
    public AccountDirectory accounts() {
        return accounts;
    }

    /** Roles and public names with auditing actors (CLI); {@link #roles()} is the same object. */
    public RoleDirectory roleDirectory() {
        return roles;
    }

    public TokenService tokens() {
        return tokens;
    }
}
