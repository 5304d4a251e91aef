package dev.wharf.meta;

import dev.wharf.meta.GcSweepStore.BlobUse;
import dev.wharf.meta.GcSweepStore.Link;
import dev.wharf.meta.GcSweepStore.ManifestRef;
import dev.wharf.meta.GcSweepStore.ManifestUse;
import dev.wharf.meta.GcSweepStore.Reference;
import dev.wharf.meta.GcSweepStore.TagRow;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL the collector reads and deletes with. Scans are keyset pages; the {@code locked} variants take the row locks
 * (PostgreSQL) that make a re-check hold until commit: a concurrent push that share-locks the same rows (see
 * {@link Blobs#link}, {@link JdbcMetadataStore#putManifest}) either commits before the re-check sees it or waits
 * until the delete has committed and then finds the rows gone.
 */
final class GcSweep {

    private GcSweep() {
    }

    /** Registry {@code r} owns the names in {@code [r + "/", r + "0")}: '0' follows '/' in byte order. */
    static String[] range(String registry) {
        return new String[]{registry + "/", registry + "0"};
    }

    static List<RepositoryName> repositories(Tx tx, String registry, String after, int limit) throws SQLException {
        String a = after == null ? "" : after;
        if (registry == null) {
            return tx.list("SELECT name FROM repositories WHERE name > ? ORDER BY name LIMIT ?",
                    rs -> RepositoryName.parse(rs.getString(1)), a, limit);
        }
        String[] r = range(registry);
        return tx.list("SELECT name FROM repositories WHERE name > ? AND name >= ? AND name < ? ORDER BY name LIMIT ?",
                rs -> RepositoryName.parse(rs.getString(1)), a, r[0], r[1], limit);
    }

    static List<ManifestRef> untagged(Tx tx, RepositoryName repo, long createdBefore, long belowId, int limit)
            throws SQLException {
        return tx.list("SELECT m.id, m.digest, m.size FROM repositories r JOIN manifests m ON m.repository_id = r.id"
                        + " WHERE r.name = ? AND m.id < ? AND m.created_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id)"
                        + " ORDER BY m.id DESC LIMIT ?",
                rs -> new ManifestRef(rs.getLong(1), Digest.parse(rs.getString(2)), rs.getLong(3)),
                repo.value(), belowId, createdBefore, limit);
    }

    private record ManifestRow(long id, Digest digest, long size, long createdAt, Digest subject, long repositoryId) {
    }

    static Optional<ManifestUse> use(Tx tx, RepositoryName repo, long id, String lock) throws SQLException {
        Optional<ManifestRow> row = tx.one("SELECT m.id, m.digest, m.size, m.created_at, m.subject_digest,"
                        + " m.repository_id FROM manifests m WHERE m.id = ?"
                        + " AND m.repository_id = (SELECT r.id FROM repositories r WHERE r.name = ?)" + lock,
                rs -> new ManifestRow(rs.getLong(1), Digest.parse(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                        rs.getString(5) == null ? null : Digest.parse(rs.getString(5)), rs.getLong(6)),
                id, repo.value());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        ManifestRow m = row.get();
        boolean tagged = tx.exists("SELECT 1 FROM tags WHERE manifest_id = ?", m.id());
        List<Long> parents = tx.list("SELECT manifest_id FROM manifest_references"
                        + " WHERE ref_digest = ? AND repository_id = ? AND kind = 'manifest'",
                rs -> rs.getLong(1), m.digest().toString(), m.repositoryId());
        Long subjectId = m.subject() == null ? null
                : Manifests.idLocked(tx, m.repositoryId(), m.subject(), "").orElse(null);
        return Optional.of(new ManifestUse(m.id(), m.digest(), m.size(), m.createdAt(), tagged, parents,
                m.subject(), subjectId));
    }

    static void deleteManifest(Tx tx, long id) throws SQLException {
        tx.update("DELETE FROM manifest_references WHERE manifest_id = ?", id);
        tx.update("DELETE FROM manifests WHERE id = ?", id);
    }

    static List<TagRow> tagsByPushTime(Tx tx, RepositoryName repo, TagRow after, int limit) throws SQLException {
        String select = "SELECT t.name, t.manifest_id, m.digest, t.updated_at FROM repositories r"
                + " JOIN tags t ON t.repository_id = r.id JOIN manifests m ON m.id = t.manifest_id WHERE r.name = ?";
        String order = " ORDER BY t.updated_at DESC, t.name LIMIT ?";
        Tx.Row<TagRow> row = rs -> new TagRow(rs.getString(1), rs.getLong(2), Digest.parse(rs.getString(3)),
                rs.getLong(4));
        if (after == null) {
            return tx.list(select + order, row, repo.value(), limit);
        }
        return tx.list(select + " AND (t.updated_at < ? OR (t.updated_at = ? AND t.name > ?))" + order, row,
                repo.value(), after.pushedAt(), after.pushedAt(), after.name(), limit);
    }

    static boolean deleteTagIfUnchanged(Tx tx, RepositoryName repo, TagRow t) throws SQLException {
        return tx.update("DELETE FROM tags WHERE repository_id = (SELECT id FROM repositories WHERE name = ?)"
                + " AND name = ? AND manifest_id = ? AND updated_at = ?", repo.value(), t.name(), t.manifestId(),
                t.pushedAt()) > 0;
    }

    static List<Digest> blobDigests(Tx tx, String registry, Digest after, int limit) throws SQLException {
        String a = after == null ? "" : after.toString();
        if (registry == null) {
            return tx.list("SELECT digest FROM blobs WHERE digest > ? ORDER BY digest LIMIT ?",
                    rs -> Digest.parse(rs.getString(1)), a, limit);
        }
        String[] r = range(registry);
        return tx.list("SELECT DISTINCT rb.digest FROM repository_blobs rb"
                        + " JOIN repositories r ON r.id = rb.repository_id"
                        + " WHERE r.name >= ? AND r.name < ? AND rb.digest > ? ORDER BY rb.digest LIMIT ?",
                rs -> Digest.parse(rs.getString(1)), r[0], r[1], a, limit);
    }

    /** Uses of a page of blobs in three queries; digests without a record are left out. */
    static List<BlobUse> uses(Tx tx, List<Digest> digests) throws SQLException {
        if (digests.isEmpty()) {
            return List.of();
        }
        String in = in(digests.size());
        Object[] args = digests.stream().map(Digest::toString).toArray();
        Map<String, long[]> records = new HashMap<>();
        tx.list("SELECT digest, size, created_at FROM blobs WHERE digest IN (" + in + ")", rs -> {
            records.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
            return null;
        }, args);
        Map<String, List<Link>> links = new HashMap<>();
        tx.list("SELECT rb.digest, rb.repository_id, r.name, rb.created_at FROM repository_blobs rb"
                + " JOIN repositories r ON r.id = rb.repository_id WHERE rb.digest IN (" + in + ")", rs -> {
                    links.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new Link(rs.getLong(2), RepositoryName.parse(rs.getString(3)), rs.getLong(4)));
                    return null;
                }, args);
        Map<String, List<Reference>> refs = new HashMap<>();
        tx.list("SELECT ref_digest, manifest_id, repository_id FROM manifest_references"
                + " WHERE kind = 'blob' AND ref_digest IN (" + in + ")", rs -> {
                    refs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new Reference(rs.getLong(2), rs.getLong(3)));
                    return null;
                }, args);
        List<BlobUse> out = new ArrayList<>(records.size());
        for (Digest d : digests) {
            long[] rec = records.get(d.toString());
            if (rec != null) {
                out.add(new BlobUse(d, rec[0], rec[1], links.getOrDefault(d.toString(), List.of()),
                        refs.getOrDefault(d.toString(), List.of())));
            }
        }
        return out;
    }

    /** Locks the blob record and its links (PostgreSQL), then reads its use; empty when the record is gone. */
    static Optional<BlobUse> useLocked(Tx tx, Digest digest) throws SQLException {
        String d = digest.toString();
        if (!tx.exists("SELECT 1 FROM blobs WHERE digest = ?" + tx.dialect().forUpdate(), d)) {
            return Optional.empty();
        }
        tx.list("SELECT repository_id FROM repository_blobs WHERE digest = ?" + tx.dialect().forUpdate(),
                rs -> null, d);
        List<BlobUse> use = uses(tx, List.of(digest));
        return use.isEmpty() ? Optional.empty() : Optional.of(use.getFirst());
    }

    /** Unlinks through {@link Blobs#unlink}, so registry usage drops in the same transaction. */
    static boolean unlink(Tx tx, long repositoryId, Digest digest) throws SQLException {
        return Blobs.unlink(tx, repositoryId, digest.toString(), System.currentTimeMillis());
    }

    /** True when nothing links or references the blob any more (its links are locked by {@link #useLocked}). */
    static boolean unused(Tx tx, Digest digest) throws SQLException {
        String d = digest.toString();
        return !tx.exists("SELECT 1 FROM repository_blobs WHERE digest = ?", d)
                && !tx.exists("SELECT 1 FROM manifest_references WHERE ref_digest = ? AND kind = 'blob'", d);
    }

    static void deleteRecord(Tx tx, Digest digest) throws SQLException {
        tx.update("DELETE FROM blobs WHERE digest = ?", digest.toString());
    }

    /** Inserts a record for stored bytes nothing knows, created at time 0; false when a record exists. */
    static boolean adopt(Tx tx, Digest digest, long size) throws SQLException {
        return tx.update("INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, 0) ON CONFLICT (digest) DO NOTHING",
                digest.toString(), size) > 0;
    }

    static List<Digest> known(Tx tx, List<Digest> digests) throws SQLException {
        if (digests.isEmpty()) {
            return List.of();
        }
        return tx.list("SELECT digest FROM blobs WHERE digest IN (" + in(digests.size()) + ")",
                rs -> Digest.parse(rs.getString(1)), digests.stream().map(Digest::toString).toArray());
    }

    private static String in(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
