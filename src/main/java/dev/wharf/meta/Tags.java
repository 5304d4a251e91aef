package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.sql.SQLException;
import java.util.List;

/** SQL for {@code tags}: a name in a repository pointing at one manifest. */
final class Tags {

    private Tags() {
    }

    /** Points the tag at the manifest, creating or moving it; race-safe via {@code ON CONFLICT DO UPDATE}. */
    static void upsert(Tx tx, long repositoryId, String tag, long manifestId, long now) throws SQLException {
        tx.update("INSERT INTO tags (repository_id, name, manifest_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (repository_id, name)"
                + " DO UPDATE SET manifest_id = excluded.manifest_id, updated_at = excluded.updated_at",
                repositoryId, tag, manifestId, now, now);
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
