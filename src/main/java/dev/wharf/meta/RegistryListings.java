package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the management API's listings of a registry's repositories, tags and manifests. A manifest's compressed
 * size is its payload plus the blobs it references directly; its uncompressed size the same with each blob's
 * recorded uncompressed size, NULL while one of them is not recorded.
 */
final class RegistryListings {
    private static final String HAS_CONTENT = "(EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = r.id)"
            + " OR EXISTS (SELECT 1 FROM repository_blobs b WHERE b.repository_id = r.id))";
    private static final String COMPRESSED = "m.size + COALESCE((SELECT SUM(b.size) FROM manifest_references x"
            + " JOIN blobs b ON b.digest = x.ref_digest WHERE x.manifest_id = m.id AND x.kind = 'blob'), 0)";
    private static final String UNCOMPRESSED = "(SELECT CASE WHEN COUNT(*) = COUNT(b.uncompressed_size)"
            + " THEN m.size + COALESCE(SUM(b.uncompressed_size), 0) END FROM manifest_references x"
            + " JOIN blobs b ON b.digest = x.ref_digest WHERE x.manifest_id = m.id AND x.kind = 'blob')";
    private static final String TAG_COLUMNS = "t.name, m.digest, " + COMPRESSED + ", t.updated_at, " + UNCOMPRESSED;
    private static final String MANIFEST_COLUMNS = "m.id, m.digest, " + COMPRESSED + ", m.created_at, "
            + UNCOMPRESSED;

    private RegistryListings() {
    }

    static List<RepositoryName> repositories(Tx tx, String registry) throws SQLException {
        return tx.list("SELECT r.name FROM repositories r WHERE r.name LIKE ? AND " + HAS_CONTENT + " ORDER BY r.name",
                rs -> RepositoryName.parse(rs.getString(1)), Usage.repositoriesOf(registry));
    }

    static List<RegistryStore.RepositorySummary> summaries(Tx tx, String registry, String after, int offset, int limit)
            throws SQLException {
        record Repo(long id, RepositoryName name) {
        }
        List<Repo> repos = tx.list("SELECT r.id, r.name FROM repositories r WHERE r.name LIKE ? AND r.name > ? AND "
                        + HAS_CONTENT + " ORDER BY r.name LIMIT ? OFFSET ?",
                rs -> new Repo(rs.getLong(1), RepositoryName.parse(rs.getString(2))),
                Usage.repositoriesOf(registry), after == null ? "" : after, limit, offset);
        List<RegistryStore.RepositorySummary> out = new ArrayList<>(repos.size());
        for (Repo r : repos) {
            long tags = count(tx, "SELECT COUNT(*) FROM tags WHERE repository_id = ?", r.id());
            long manifests = count(tx, "SELECT COUNT(*) FROM manifests WHERE repository_id = ?", r.id());
            Optional<RegistryStore.TagSummary> latestTag = tx.one("SELECT " + TAG_COLUMNS
                    + " FROM tags t JOIN manifests m ON m.id = t.manifest_id WHERE t.repository_id = ?"
                    + " ORDER BY t.updated_at DESC, t.name LIMIT 1", rs -> tag(rs, r.name()), r.id());
            List<RegistryStore.ManifestSummary> latest = manifests(tx, r.id(), r.name(), 0, 1);
            out.add(new RegistryStore.RepositorySummary(r.name(), tags, manifests, latestTag.orElse(null),
                    latest.isEmpty() ? null : latest.get(0)));
        }
        return out;
    }

    static List<RegistryStore.TagSummary> tags(Tx tx, long repositoryId, RepositoryName repo, int offset, int limit)
            throws SQLException {
        return tx.list("SELECT " + TAG_COLUMNS + " FROM tags t JOIN manifests m ON m.id = t.manifest_id"
                + " WHERE t.repository_id = ? ORDER BY t.name LIMIT ? OFFSET ?", rs -> tag(rs, repo),
                repositoryId, limit, offset);
    }

    static List<RegistryStore.ManifestSummary> manifests(Tx tx, long repositoryId, RepositoryName repo, int offset,
                                                         int limit) throws SQLException {
        record Row(long id, String digest, long size, Instant at, Long uncompressed) {
        }
        List<Row> rows = tx.list("SELECT " + MANIFEST_COLUMNS + " FROM manifests m WHERE m.repository_id = ?"
                        + " ORDER BY m.created_at DESC, m.id DESC LIMIT ? OFFSET ?",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4)),
                        nullableLong(rs, 5)),
                repositoryId, limit, offset);
        List<RegistryStore.ManifestSummary> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<String> tags = tx.list("SELECT name FROM tags WHERE manifest_id = ? ORDER BY name",
                    rs -> rs.getString(1), row.id());
            List<RegistryStore.BlobSummary> blobs = tx.list("SELECT x.ref_digest, b.size FROM manifest_references x"
                    + " JOIN blobs b ON b.digest = x.ref_digest WHERE x.manifest_id = ? AND x.kind = 'blob'"
                    + " ORDER BY x.ordinal", rs -> new RegistryStore.BlobSummary(rs.getString(1), rs.getLong(2)),
                    row.id());
            out.add(new RegistryStore.ManifestSummary(repo, row.digest(), row.size(), row.uncompressed(), row.at(), tags,
                    blobs));
        }
        return out;
    }

    static List<RegistryStore.UnsizedBlob> unsized(Tx tx, long repositoryId, List<String> manifestDigests)
            throws SQLException {
        if (manifestDigests.isEmpty()) {
            return List.of();
        }
        Object[] args = new Object[manifestDigests.size() + 1];
        args[0] = repositoryId;
        for (int i = 0; i < manifestDigests.size(); i++) {
            args[i + 1] = manifestDigests.get(i);
        }
        return tx.list("SELECT DISTINCT b.digest, b.size FROM manifests m JOIN manifest_references x"
                + " ON x.manifest_id = m.id AND x.kind = 'blob' JOIN blobs b ON b.digest = x.ref_digest"
                + " WHERE m.repository_id = ? AND b.uncompressed_size IS NULL AND m.digest IN ("
                + String.join(", ", java.util.Collections.nCopies(manifestDigests.size(), "?")) + ")",
                rs -> new RegistryStore.UnsizedBlob(rs.getString(1), rs.getLong(2)), args);
    }

    static void recordUncompressed(Tx tx, java.util.Map<String, Long> sizes) throws SQLException {
        for (var e : sizes.entrySet()) {
            tx.update("UPDATE blobs SET uncompressed_size = ? WHERE digest = ? AND uncompressed_size IS NULL",
                    e.getValue(), e.getKey());
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static long count(Tx tx, String sql, Object... args) throws SQLException {
        return tx.one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static RegistryStore.TagSummary tag(ResultSet rs, RepositoryName repo) throws SQLException {
        return new RegistryStore.TagSummary(repo, rs.getString(1), rs.getString(2), rs.getLong(3),
                nullableLong(rs, 5), Instant.ofEpochMilli(rs.getLong(4)));
    }
}
