package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for {@code tags}: a name in a repository pointing at one manifest. */
final class Tags {

    private Tags() {
    }

    /** What {@link #point} asks before a tag leaves the manifest it points at; throws to refuse. */
    @FunctionalInterface
    interface BeforeMove {
        void check(long currentManifestId) throws SQLException;
    }

    private static final int MAX_RACE_RETRIES = 5;

    /**
     * Points the tag at the manifest, creating or moving it. Creation is an insert that does nothing on conflict,
     * which on PostgreSQL waits for a concurrent creation of the same tag to commit; the existing row is then read
     * locked, so of two concurrent first pushes the second sees the first's tag and {@code beforeMove} decides.
     */
    static void point(Tx tx, long repositoryId, String tag, long manifestId, long now, BeforeMove beforeMove)
            throws SQLException {
        for (int i = 0; ; i++) {
            if (tx.update("INSERT INTO tags (repository_id, name, manifest_id, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository_id, name) DO NOTHING",
                    repositoryId, tag, manifestId, now, now) > 0) {
                return;
            }
            Optional<Long> current = tx.one("SELECT manifest_id FROM tags WHERE repository_id = ? AND name = ?"
                    + tx.dialect().forUpdate(), rs -> rs.getLong(1), repositoryId, tag);
            if (current.isPresent()) {
                if (current.get() != manifestId) {
                    beforeMove.check(current.get());
                }
                tx.update("UPDATE tags SET manifest_id = ?, updated_at = ? WHERE repository_id = ? AND name = ?",
                        manifestId, now, repositoryId, tag);
                return;
            }
            if (i >= MAX_RACE_RETRIES) { // deleted between the insert and the read, again and again
                throw new SQLException("tag keeps vanishing: " + tag);
            }
        }
    }

    static boolean delete(Tx tx, RepositoryName repo, String tag) throws SQLException {
        return tx.update("DELETE FROM tags WHERE repository_id = (SELECT id FROM repositories WHERE name = ?)"
                + " AND name = ?", repo.value(), tag) > 0;
    }

    static int deleteForManifest(Tx tx, long manifestId) throws SQLException {
        return tx.update("DELETE FROM tags WHERE manifest_id = ?", manifestId);
    }

    /** Keyset page over the primary key {@code (repository_id, name)}: one index range scan of {@code limit} rows. */
    static List<String> list(Tx tx, long repositoryId, String after, int limit) throws SQLException {
        return tx.list("SELECT name FROM tags WHERE repository_id = ? AND name > ? ORDER BY name LIMIT ?",
                rs -> rs.getString(1), repositoryId, after == null ? "" : after, limit);
    }
}
