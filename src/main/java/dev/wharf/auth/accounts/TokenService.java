package dev.wharf.auth.accounts;

import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.AuditLog.Event;
import dev.wharf.auth.Principal;
import dev.wharf.meta.SqlAccess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Personal access tokens and docker credentials: creating (the token text is returned once; only the SHA-256 of its
 * secret is stored), listing, revoking, and finding the live token behind a principal. A token is live while it,
 * its parent (if it was issued through another token) and its owner's account are.
 */
public final class TokenService {
    private static final int MAX_PARENT_DEPTH = 8;

    /** A freshly created token: its record and its text, shown once. */
    public record Created(AccessToken token, String text) {
        @Override
        public String toString() {
            return "Created[" + token + "]"; // never the text
        }
    }

    private final SqlAccess sql;
    private final AuditLog audit;
    private final Clock clock;

    TokenService(SqlAccess sql, AuditLog audit, Clock clock) {
        this.sql = sql;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A personal access token for a user or robot. It needs at least one scope or API scope; {@code expiresIn}
     * null means it lives until revoked.
     */
    public Created createPat(Actor actor, String owner, String name, List<TokenScope> scopes, Set<ApiScope> apiScopes,
                             Duration expiresIn) {
        Names.account(owner);
        if (scopes.isEmpty() && apiScopes.isEmpty()) {
            throw AccountException.invalid("a token needs at least one --scope or --api-scope");
        }
        Instant now = clock.instant();
        Instant expires = expiry(now, expiresIn);
        TokenString text = TokenString.generate(AccessToken.Kind.PAT);
        Created created = sql.write(s -> {
            AccountTable.Stored account = AccountTable.find(s, owner)
                    .orElseThrow(() -> AccountException.notFound("no user or robot named \"" + owner + "\""));
            Principal.Kind kind = account.account().kind() == Account.Kind.USER ? Principal.Kind.USER
                    : Principal.Kind.ROBOT;
            AccessToken t = new AccessToken(text.id(), AccessToken.Kind.PAT, owner, kind, name, scopes,
                    apiScopes.isEmpty() ? EnumSet.noneOf(ApiScope.class) : EnumSet.copyOf(apiScopes), null,
                    now, expires, null, null);
            TokenTable.insert(s, t, Secrets.sha256(text.secret()));
            return new Created(t, text.text());
        });
        record(actor, "token_create", "token:" + created.token().id(), "owner " + owner + ", scopes "
                + describe(created.token()) + (expires == null ? ", no expiry" : ", expires " + expires));
        return created;
    }

    /**
     * A docker credential acting for {@code owner}: everything the owner may pull (and push, when
     * {@code readWrite}) in {@code registry} (null: everywhere), narrowed further by the owner's own token when the
     * owner authenticated with one. A credential for a registry is revoked when the registry is deleted.
     */
    Created createDocker(Principal owner, String registry, boolean readWrite, Duration expiresIn) {
        if (owner == null || owner.isAnonymous() || owner.name().isEmpty()) {
            throw AccountException.invalid("anonymous callers cannot get docker credentials");
        }
        Instant now = clock.instant();
        Set<Action> actions = readWrite ? EnumSet.of(Action.PULL, Action.PUSH) : EnumSet.of(Action.PULL);
        TokenString text = TokenString.generate(AccessToken.Kind.DOCKER);
        Created created = sql.write(s -> {
            AccessToken t;
            if (owner.kind() == Principal.Kind.TOKEN) {
                AccessToken parent = live(s, owner, now).orElseThrow(
                        () -> AccountException.invalid("the token used to ask for credentials is no longer valid"));
                List<TokenScope> narrowed = parent.scopes().stream()
                        .filter(sc -> sc.actions().stream().anyMatch(actions::contains))
                        .filter(sc -> registry == null || sc.repositories().registry() == null
                                || sc.repositories().registry().equals(registry))
                        .map(sc -> new TokenScope(sc.repositories(), intersect(sc.actions(), actions))).toList();
                if (narrowed.isEmpty()) {
                    throw AccountException.invalid("the token used to ask for credentials allows no "
                            + (readWrite ? "pull or push" : "pull") + (registry == null ? "" : " in registry "
                            + registry));
                }
                Instant expires = earliest(expiry(now, expiresIn), parent.expiresAt());
                t = new AccessToken(text.id(), AccessToken.Kind.DOCKER, parent.owner(), parent.ownerKind(), null,
                        narrowed, Set.of(), parent.id(), now, expires, null, registry);
            } else {
                if (owner.kind() == Principal.Kind.USER || owner.kind() == Principal.Kind.ROBOT) {
                    AccountTable.find(s, owner.name()).filter(a -> a.account().enabled()).orElseThrow(
                            () -> AccountException.notFound("no user or robot named \"" + owner.name() + "\""));
                }
                t = new AccessToken(text.id(), AccessToken.Kind.DOCKER, owner.name(), owner.kind(), null,
                        List.of(new TokenScope(new RepositoryPattern("*"), actions)), Set.of(), null, now,
                        expiry(now, expiresIn), null, registry);
            }
            TokenTable.insert(s, t, Secrets.sha256(text.secret()));
            return new Created(t, text.text());
        });
        AccessToken t = created.token();
        record(new Actor(t.owner(), null), "credentials_issue", "token:" + t.id(),
                (readWrite ? "read-write" : "read-only") + (registry == null ? "" : ", registry " + registry)
                + (t.expiresAt() == null ? ", no expiry" : ", expires " + t.expiresAt()));
        return created;
    }

    /** Tokens of {@code owner} (null = all), newest first. */
    public List<AccessToken> list(String owner) {
        return sql.read(s -> TokenTable.list(s, owner));
    }

    public void revoke(Actor actor, String id) {
        Instant now = clock.instant();
        sql.write(s -> {
            AccessToken t = TokenTable.find(s, id).map(TokenTable.Stored::token)
                    .orElseThrow(() -> AccountException.notFound("no token with id \"" + id + "\""));
            if (t.revokedAt() != null) {
                throw AccountException.conflict("token \"" + id + "\" is already revoked");
            }
            return TokenTable.revoke(s, id, now);
        });
        record(actor, "token_revoke", "token:" + id, null);
    }

    /** The token behind a TOKEN principal, if it, its parents and its owner are all still live. */
    static Optional<AccessToken> live(SqlAccess.Session s, Principal p, Instant now) throws java.sql.SQLException {
        if (p.kind() != Principal.Kind.TOKEN || p.tokenId() == null) {
            return Optional.empty();
        }
        Optional<AccessToken> t = TokenTable.find(s, p.tokenId()).map(TokenTable.Stored::token);
        if (t.isEmpty() || !t.get().owner().equals(p.name()) || !chainLive(s, t.get(), now)) {
            return Optional.empty();
        }
        return t;
    }

    /** The token and each of its parents are active, and its owner account (if a Wharf account) is enabled. */
    static boolean chainLive(SqlAccess.Session s, AccessToken token, Instant now) throws java.sql.SQLException {
        AccessToken t = token;
        for (int depth = 0; depth < MAX_PARENT_DEPTH; depth++) {
            if (!t.activeAt(now)) {
                return false;
            }
            if (t.parentId() == null) {
                return ownerLive(s, t);
            }
            Optional<AccessToken> parent = TokenTable.find(s, t.parentId()).map(TokenTable.Stored::token);
            if (parent.isEmpty()) {
                return false;
            }
            t = parent.get();
        }
        return false;
    }

    private static boolean ownerLive(SqlAccess.Session s, AccessToken t) throws java.sql.SQLException {
        return switch (t.ownerKind()) {
            case USER, ROBOT -> AccountTable.find(s, t.owner()).map(a -> a.account().enabled()
                    && a.account().kind() == (t.ownerKind() == Principal.Kind.USER ? Account.Kind.USER
                    : Account.Kind.ROBOT)).orElse(false);
            case HTPASSWD -> true; // the htpasswd file is checked when the owner logs in, not here
            case ANONYMOUS, TOKEN -> false;
        };
    }

    private static Instant expiry(Instant now, Duration in) {
        if (in == null || in.isZero()) {
            return null;
        }
        if (in.isNegative()) {
            throw AccountException.invalid("the expiry must not be negative");
        }
        return now.plus(in);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Set<Action> intersect(Set<Action> a, Set<Action> b) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        out.addAll(a);
        out.retainAll(b);
        return out;
    }

    static String describe(AccessToken t) {
        List<String> parts = new java.util.ArrayList<>(t.scopes().stream().map(TokenScope::toString).toList());
        t.apiScopes().stream().sorted().map(ApiScope::wireName).forEach(parts::add);
        return String.join(" ", parts);
    }

    private void record(Actor actor, String action, String target, String detail) {
        audit.record(new Event(clock.instant(), actor.name(), action, target, actor.address(), detail));
    }
}
