package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the {@code repositories} table. A repository row is created by the first blob link or manifest and is
 * never deleted here; whether a repository "exists" for clients is decided by its content (see {@link #hasContent}).
 */
final class Repositories {

    /** A repository is visible when it has at least one manifest or one linked blob. */
    private static final String HAS_CONTENT = "(EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = r.id)"
            + " OR EXISTS (SELECT 1 FROM repository_blobs b WHERE b.repository_id = r.id))";

    private Repositories() {
    }

    static Optional<Long> id(Tx tx, RepositoryName name) throws SQLException {
        return tx.one("SELECT id FROM repositories WHERE name = ?", rs -> rs.getLong(1), name.value());
    }

    /** The id of {@code name}, inserting the row if needed; race-safe (insert-or-ignore, then read). */
    static long createOrFind(Tx tx, RepositoryName name, long now) throws SQLException {
        tx.update("INSERT INTO repositories (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name.value(), now);
        return id(tx, name).orElseThrow(() -> new SQLException("repository row vanished: " + name));
    }

    static boolean hasContent(Tx tx, RepositoryName name) throws SQLException {
        return tx.exists("SELECT 1 FROM repositories r WHERE r.name = ? AND " + HAS_CONTENT, name.value());
    }

    /**
     * Keyset page of visible repository names in byte order. Walks the {@code name} index from {@code after}; the
     * content check is two primary-key probes per row, so a page costs the same whatever the total count (rows
     * without content, e.g. after every manifest was deleted, are skipped on the way).
     */
    static List<String> list(Tx tx, String after, int limit) throws SQLException {
        return tx.list("SELECT r.name FROM repositories r WHERE r.name > ? AND " + HAS_CONTENT
                + " ORDER BY r.name LIMIT ?", rs -> rs.getString(1), after == null ? "" : after, limit);
    }
}
