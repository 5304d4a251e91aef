package dev.wharf.auth.accounts;

import dev.wharf.auth.ApiScope;
import dev.wharf.auth.Principal;
import dev.wharf.meta.SqlAccess.Session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** SQL for {@code access_tokens}: scopes are stored space-separated in their text forms. */
final class TokenTable {
    private static final String COLUMNS = "id, kind, owner, owner_kind, name, scopes, api_scopes, parent_id,"
            + " created_at, expires_at, revoked_at, secret_hash, registry";

    /** A token row with its secret's hash, which never leaves this package. */
    record Stored(AccessToken token, String secretHash) {
        @Override
        public String toString() {
            return token.toString();
        }
    }

    private TokenTable() {
    }

    static void insert(Session s, AccessToken t, String secretHash) throws SQLException {
        s.update("INSERT INTO access_tokens (id, kind, owner, owner_kind, name, secret_hash, scopes, api_scopes,"
                        + " parent_id, created_at, expires_at, revoked_at, registry)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS BIGINT), NULL, ?)",
                t.id(), t.kind() == AccessToken.Kind.PAT ? "pat" : "docker", t.owner(), t.ownerKind().name(), t.name(),
                secretHash, t.scopes().stream().map(TokenScope::toString).collect(Collectors.joining(" ")),
                t.apiScopes().stream().sorted().map(ApiScope::wireName).collect(Collectors.joining(" ")),
                t.parentId(), t.createdAt().toEpochMilli(), millis(t.expiresAt()), t.registry());
    }

    static Optional<Stored> find(Session s, String id) throws SQLException {
        return s.one("SELECT " + COLUMNS + " FROM access_tokens WHERE id = ?", TokenTable::map, id);
    }

    /** Tokens of {@code owner} (null = everyone's), newest first. */
    static List<AccessToken> list(Session s, String owner) throws SQLException {
        return s.list("SELECT " + COLUMNS + " FROM access_tokens WHERE (? IS NULL OR owner = ?)"
                + " ORDER BY created_at DESC, id", rs -> map(rs).token(), owner, owner);
    }

    static boolean revoke(Session s, String id, Instant now) throws SQLException {
        return s.update("UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                now.toEpochMilli(), id) == 1;
    }

    static int revokeOwner(Session s, String owner, Instant now) throws SQLException {
        return s.update("UPDATE access_tokens SET revoked_at = ? WHERE owner = ? AND revoked_at IS NULL",
                now.toEpochMilli(), owner);
    }

    /** Revokes the live credentials issued for {@code registry} (it was deleted). */
    static int revokeRegistry(Session s, String registry, Instant now) throws SQLException {
        return s.update("UPDATE access_tokens SET revoked_at = ? WHERE registry = ? AND revoked_at IS NULL",
                now.toEpochMilli(), registry);
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Stored map(ResultSet rs) throws SQLException {
        List<TokenScope> scopes = words(rs.getString(6)).stream().map(TokenScope::parse).toList();
        Set<ApiScope> api = EnumSet.noneOf(ApiScope.class);
        for (String w : words(rs.getString(7))) {
            ApiScope a = ApiScope.fromWire(w);
            if (a != null) {
                api.add(a);
            }
        }
        AccessToken t = new AccessToken(rs.getString(1),
                rs.getString(2).equals("pat") ? AccessToken.Kind.PAT : AccessToken.Kind.DOCKER,
                rs.getString(3), Principal.Kind.valueOf(rs.getString(4)), rs.getString(5), scopes, api,
                rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)), instant(rs, 10), instant(rs, 11),
                rs.getString(13));
        return new Stored(t, rs.getString(12));
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split(" +"));
    }
}
