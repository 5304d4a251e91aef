package dev.wharf.auth.accounts;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.Principal;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.meta.SqlAccess;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Roles decide, tokens narrow, default deny.
 * <ul>
 *   <li>A role on a registry gives, on each of its repositories: reader pull; writer pull and push; admin pull,
 *       push and delete, and the management API on that registry. Readers and writers may read it there.</li>
 *   <li>An instance admin (a user flag) is admin of every registry and may create registries.</li>
 *   <li>A token (personal access token or docker credential) gets its owner's access narrowed by its scopes and
 *       API scopes, while it, its parents and its owner are live.</li>
 *   <li>Anyone, anonymous included, may pull a public repository or any repository of a public registry, and any
 *       repository matching a configured public pattern ({@code auth.publicRepositories}, e.g. {@code library/*}).</li>
 *   <li>Unknown or disabled accounts, revoked or expired tokens, and unknown actions get nothing.</li>
 *   <li>htpasswd users have no Wharf account; with {@code htpasswdFullAccess} they may pull, push and delete
 *       everywhere, as in registry:2's htpasswd mode; otherwise they get the roles granted to their name.</li>
 * </ul>
 */
final class DefaultAccessPolicy implements AccessPolicy {
    private static final Set<Action> ALL = EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE);

    private final SqlAccess sql;
    private final Clock clock;
    private final boolean htpasswdFullAccess;
    private final List<RepositoryPattern> configuredPublic;

    /** Whose access a principal uses: the account itself, or a token's owner plus the token. */
    private record Subject(String name, Principal.Kind kind, AccessToken token, boolean instanceAdmin) {
    }

    DefaultAccessPolicy(SqlAccess sql, Clock clock, boolean htpasswdFullAccess,
                        List<RepositoryPattern> publicPatterns) {
        this.configuredPublic = List.copyOf(publicPatterns);
        this.sql = sql;
        this.clock = clock;
        this.htpasswdFullAccess = htpasswdFullAccess;
    }

    @Override
    public Set<Action> allowed(Principal principal, String repository, Set<Action> requested) {
        if (requested.isEmpty() || repository == null) {
            return Set.of();
        }
        Set<Action> granted = sql.read(s -> {
            Set<Action> out = EnumSet.noneOf(Action.class);
            Optional<Subject> subject = subject(s, principal);
            if (subject.isPresent()) {
                out.addAll(ownerActions(s, subject.get(), repository));
                if (subject.get().token() != null) {
                    out.retainAll(subject.get().token().allows(repository));
                }
            }
            if (requested.contains(Action.PULL) && !out.contains(Action.PULL) && isPublic(s, repository)) {
                out.add(Action.PULL);
            }
            return out;
        });
        granted.retainAll(requested);
        return granted;
    }

    @Override
    public boolean mayListCatalog(Principal principal) {
        return sql.read(s -> principal.isAnonymous() ? !configuredPublic.isEmpty() || RoleTable.anyPublic(s)
                : subject(s, principal).isPresent());
    }

    /** Public by {@code wharf public set} (registry or repository) or by a configured pattern. */
    private boolean isPublic(SqlAccess.Session s, String repository) throws SQLException {
        for (RepositoryPattern p : configuredPublic) {
            if (p.matches(repository)) {
                return true;
            }
        }
        return RoleTable.isPublic(s, repository);
    }

    @Override
    public boolean mayManage(Principal principal, String registry, ApiScope scope) {
        if (scope == null) {
            return false;
        }
        return sql.read(s -> {
            Optional<Subject> found = subject(s, principal);
            if (found.isEmpty()) {
                return false;
            }
            Subject subject = found.get();
            AccessToken token = subject.token();
            if (token != null && (!token.apiScopes().contains(scope)
                    || registry != null && !token.reachesRegistry(registry))) {
                return false;
            }
            if (subject.kind() != Principal.Kind.USER && subject.kind() != Principal.Kind.ROBOT) {
                // htpasswd users own nothing, but may list what their roles let them read
                return registry == null ? scope == ApiScope.READ
                        : roleManages(RoleTable.role(s, registry, subject.name()), scope);
            }
            if (subject.instanceAdmin()) {
                return true;
            }
            if (registry == null) {
                return scope == ApiScope.READ || scope == ApiScope.CREATE && subject.kind() == Principal.Kind.USER;
            }
            return roleManages(RoleTable.role(s, registry, subject.name()), scope);
        });
    }

    private static boolean roleManages(Optional<Role> role, ApiScope scope) {
        return role.isPresent() && (role.get() == Role.ADMIN || scope == ApiScope.READ);
    }

    /** The account (or token owner) behind a principal, when it is live; empty for anonymous and unknown ones. */
    private Optional<Subject> subject(SqlAccess.Session s, Principal p) throws SQLException {
        Instant now = clock.instant();
        return switch (p.kind()) {
            case ANONYMOUS -> Optional.empty();
            case USER, ROBOT -> AccountTable.find(s, p.name())
                    .filter(a -> a.account().enabled() && (a.account().kind() == Account.Kind.USER)
                            == (p.kind() == Principal.Kind.USER))
                    .map(a -> new Subject(p.name(), p.kind(), null, a.account().instanceAdmin()));
            case HTPASSWD -> p.name().isEmpty() ? Optional.empty()
                    : Optional.of(new Subject(p.name(), Principal.Kind.HTPASSWD, null, false));
            case TOKEN -> {
                Optional<AccessToken> t = TokenService.live(s, p, now);
                yield t.isEmpty() ? Optional.empty() : Optional.of(new Subject(t.get().owner(), t.get().ownerKind(),
                        t.get(), t.get().ownerKind() == Principal.Kind.USER && isInstanceAdmin(s, t.get().owner())));
            }
        };
    }

    private static boolean isInstanceAdmin(SqlAccess.Session s, String name) throws SQLException {
        return AccountTable.find(s, name).map(a -> a.account().instanceAdmin()).orElse(false);
    }

    /** What the account itself may do on the repository, before any token narrowing. */
    private Set<Action> ownerActions(SqlAccess.Session s, Subject subject, String repository) throws SQLException {
        if (subject.kind() == Principal.Kind.HTPASSWD && htpasswdFullAccess) {
            return ALL;
        }
        if (subject.instanceAdmin()) {
            return ALL;
        }
        return RoleTable.role(s, Names.registryOf(repository), subject.name()).map(DefaultAccessPolicy::actions)
                .orElse(Set.of());
    }

    static Set<Action> actions(Role role) {
        return switch (role) {
            case READER -> EnumSet.of(Action.PULL);
            case WRITER -> EnumSet.of(Action.PULL, Action.PUSH);
            case ADMIN -> EnumSet.copyOf(ALL);
        };
    }
}
