package dev.wharf.meta;

import dev.wharf.oci.Digest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * SQL for browsing: repository pages with search and per-repository figures, and tag pages with their digests.
 * Pages are keyset pages over the {@code repositories.name} and {@code tags} primary-key indexes; the substring
 * filter is checked row by row on the way (no index can serve {@code %x%}), which stays cheap at tens of
 * thousands of repositories.
 */
final class Browsing {

    private static final String VISIBLE = "(EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = r.id)"
            + " OR EXISTS (SELECT 1 FROM repository_blobs b WHERE b.repository_id = r.id))";
    private static final String FIGURES = "r.name,"
            + " (SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id),"
            + " (SELECT COUNT(*) FROM manifests m WHERE m.repository_id = r.id),"
            + " (SELECT COALESCE(SUM(b.size), 0) FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest"
            + "   WHERE rb.repository_id = r.id)"
            + " + (SELECT COALESCE(SUM(m.size), 0) FROM manifests m WHERE m.repository_id = r.id),"
            + " (SELECT MAX(t.updated_at) FROM tags t WHERE t.repository_id = r.id),"
            + " (SELECT MAX(m.created_at) FROM manifests m WHERE m.repository_id = r.id)";

    private Browsing() {
    }

    static List<RepositorySummary> find(Tx tx, String contains, String after, String before, int limit)
            throws SQLException {
        String pattern = pattern(contains);
        String filter = pattern == null ? "" : " AND LOWER(r.name) LIKE ? ESCAPE '\\'";
        boolean backwards = after == null && before != null;
        String sql = "SELECT " + FIGURES + " FROM repositories r WHERE r.name " + (backwards ? "<" : ">") + " ?"
                + filter + " AND " + VISIBLE + " ORDER BY r.name " + (backwards ? "DESC" : "ASC") + " LIMIT ?";
        String cursor = backwards ? before : (after == null ? "" : after);
        Object[] args = pattern == null ? new Object[]{cursor, limit} : new Object[]{cursor, pattern, limit};
        List<RepositorySummary> rows = new ArrayList<>(tx.list(sql, Browsing::summary, args));
        if (backwards) {
            Collections.reverse(rows);
        }
        return rows;
    }

    static long count(Tx tx, String contains) throws SQLException {
        String pattern = pattern(contains);
        String sql = "SELECT COUNT(*) FROM repositories r WHERE " + VISIBLE
                + (pattern == null ? "" : " AND LOWER(r.name) LIKE ? ESCAPE '\\'");
        Object[] args = pattern == null ? new Object[0] : new Object[]{pattern};
        return tx.one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    static List<TagEntry> tags(Tx tx, long repositoryId, String after, int limit) throws SQLException {
        return tx.list("SELECT t.name, m.digest, t.updated_at FROM tags t JOIN manifests m ON m.id = t.manifest_id"
                        + " WHERE t.repository_id = ? AND t.name > ? ORDER BY t.name LIMIT ?",
                rs -> new TagEntry(rs.getString(1), Digest.parse(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3))),
                repositoryId, after == null ? "" : after, limit);
    }

    /** A LIKE pattern matching names that contain {@code text} (lower-cased, wildcards escaped); null for all. */
    static String pattern(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder("%");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('%').toString();
    }

    private static RepositorySummary summary(ResultSet rs) throws SQLException {
        long tagPush = rs.getLong(5);
        boolean noTagPush = rs.wasNull();
        long manifestPush = rs.getLong(6);
        boolean noManifestPush = rs.wasNull();
        Instant last = noTagPush && noManifestPush ? null
                : Instant.ofEpochMilli(Math.max(noTagPush ? Long.MIN_VALUE : tagPush,
                noManifestPush ? Long.MIN_VALUE : manifestPush));
        return new RepositorySummary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), last);
    }
}
