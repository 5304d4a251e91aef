package dev.wharf.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for {@code manifests} and {@code manifest_references}. References are stored in payload order with their
 * kind, so a stored record reads back exactly as it was put.
 */
final class Manifests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "m.id, m.digest, m.media_type, m.payload, m.artifact_type, m.subject_digest,"
            + " m.config_digest, m.annotations, m.created_at";
    private static final String BLOB = "blob";
    private static final String MANIFEST = "manifest";
    private static final int MAX_RACE_RETRIES = 5;

    /** A manifest row before its references are attached. */
    private record Row(long id, Digest digest, String mediaType, byte[] payload, String artifactType, Digest subject,
                       Digest configDigest, Map<String, String> annotations, Instant createdAt) {
    }

    private Manifests() {
    }

    /**
     * The id of the manifest in the repository, inserting it with its references when it is new. An existing
     * manifest is left unchanged (idempotent by digest). Race-safe: insert-or-ignore, then read the winner's row;
     * on PostgreSQL that row is share-locked so a concurrent delete cannot remove it before we commit (if it was
     * deleted in between, we insert again).
     */
    static long createOrFind(Tx tx, long repositoryId, ManifestRecord m, long now) throws SQLException {
        for (int i = 0; ; i++) {
            Optional<Long> inserted = tx.one("INSERT INTO manifests (repository_id, digest, media_type, payload, size,"
                            + " artifact_type, subject_digest, config_digest, annotations, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (repository_id, digest) DO NOTHING RETURNING id",
                    rs -> rs.getLong(1),
                    repositoryId, m.digest().toString(), m.mediaType(), m.payload(), (long) m.payload().length,
                    m.artifactType(), text(m.subject()), text(m.configDigest()), annotationsJson(m.annotations()),
                    now);
            if (inserted.isPresent()) {
                insertReferences(tx, inserted.get(), repositoryId, BLOB, m.blobReferences());
                insertReferences(tx, inserted.get(), repositoryId, MANIFEST, m.manifestReferences());
                return inserted.get();
            }
            Optional<Long> existing = idLocked(tx, repositoryId, m.digest(), tx.dialect().forShare());
            if (existing.isPresent()) {
                return existing.get();
            }
            if (i >= MAX_RACE_RETRIES) {
                throw new SQLException("manifest row keeps vanishing: " + m.digest());
            }
        }
    }

    private static void insertReferences(Tx tx, long manifestId, long repositoryId, String kind, List<Digest> refs)
            throws SQLException {
        if (refs == null) {
            return;
        }
        for (int i = 0; i < refs.size(); i++) {
            tx.update("INSERT INTO manifest_references (manifest_id, kind, ordinal, repository_id, ref_digest)"
                    + " VALUES (?, ?, ?, ?, ?)", manifestId, kind, i, repositoryId, refs.get(i).toString());
        }
    }

    /** The id of a manifest of the repository, locked with {@code lockSuffix} (see {@link Dialect}). */
    static Optional<Long> idLocked(Tx tx, long repositoryId, Digest digest, String lockSuffix) throws SQLException {
        return tx.one("SELECT id FROM manifests WHERE repository_id = ? AND digest = ?" + lockSuffix,
                rs -> rs.getLong(1), repositoryId, digest.toString());
    }

    /** The digest of the manifest with this id (which exists: a tag or reference of this transaction names it). */
    static Digest digestOf(Tx tx, long id) throws SQLException {
        return tx.one("SELECT digest FROM manifests WHERE id = ?", rs -> digest(rs.getString(1)), id).orElseThrow();
    }

    static Optional<ManifestRecord> byDigest(Tx tx, RepositoryName repo, Digest digest) throws SQLException {
        Optional<Row> row = tx.one("SELECT " + COLUMNS + " FROM repositories r"
                + " JOIN manifests m ON m.repository_id = r.id"
                + " WHERE r.name = ? AND m.digest = ?", Manifests::row, repo.value(), digest.toString());
        return withReferences(tx, repo, row);
    }

    static Optional<ManifestRecord> byTag(Tx tx, RepositoryName repo, String tag) throws SQLException {
        Optional<Row> row = tx.one("SELECT " + COLUMNS + " FROM repositories r"
                + " JOIN tags t ON t.repository_id = r.id"
                + " JOIN manifests m ON m.id = t.manifest_id"
                + " WHERE r.name = ? AND t.name = ?", Manifests::row, repo.value(), tag);
        return withReferences(tx, repo, row);
    }

    /** Deletes the manifest with its references and tags; the row is locked first so concurrent tagging waits. */
    static boolean delete(Tx tx, long repositoryId, Digest digest) throws SQLException {
        Optional<Long> id = idLocked(tx, repositoryId, digest, tx.dialect().forUpdate());
        if (id.isEmpty()) {
            return false;
        }
        Tags.deleteForManifest(tx, id.get());
        tx.update("DELETE FROM manifest_references WHERE manifest_id = ?", id.get());
        tx.update("DELETE FROM manifests WHERE id = ?", id.get());
        return true;
    }

    /** Manifests whose subject is {@code subject}, oldest first, optionally of one artifact type. */
    static List<ManifestRecord> referrers(Tx tx, long repositoryId, RepositoryName repo, Digest subject,
                                          String artifactType) throws SQLException {
        String where = " WHERE m.repository_id = ? AND m.subject_digest = ?"
                + (artifactType == null ? "" : " AND m.artifact_type = ?");
        Object[] args = artifactType == null
                ? new Object[]{repositoryId, subject.toString()}
                : new Object[]{repositoryId, subject.toString(), artifactType};
        List<Row> rows = tx.list("SELECT " + COLUMNS + " FROM manifests m" + where + " ORDER BY m.id",
                Manifests::row, args);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, References> refs = new HashMap<>();
        tx.list("SELECT x.manifest_id, x.kind, x.ref_digest FROM manifest_references x"
                + " WHERE x.manifest_id IN (SELECT m.id FROM manifests m" + where + ")"
                + " ORDER BY x.manifest_id, x.kind, x.ordinal", rs -> {
                    refs.computeIfAbsent(rs.getLong(1), k -> new References()).add(rs.getString(2), rs.getString(3));
                    return null;
                }, args);
        List<ManifestRecord> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(record(repo, row, refs.getOrDefault(row.id(), new References())));
        }
        return out;
    }

    private static Optional<ManifestRecord> withReferences(Tx tx, RepositoryName repo, Optional<Row> row)
            throws SQLException {
        if (row.isEmpty()) {
            return Optional.empty();
        }
        References refs = new References();
        tx.list("SELECT kind, ref_digest FROM manifest_references WHERE manifest_id = ? ORDER BY kind, ordinal",
                rs -> {
                    refs.add(rs.getString(1), rs.getString(2));
                    return null;
                }, row.get().id());
        return Optional.of(record(repo, row.get(), refs));
    }

    private static ManifestRecord record(RepositoryName repo, Row r, References refs) {
        return new ManifestRecord(repo, r.digest(), r.mediaType(), r.payload(), r.artifactType(), r.subject(),
                r.configDigest(), r.annotations(), List.copyOf(refs.blobs), List.copyOf(refs.manifests),
                r.createdAt());
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), Digest.parse(rs.getString(2)), rs.getString(3), rs.getBytes(4),
                rs.getString(5), digest(rs.getString(6)), digest(rs.getString(7)), annotations(rs.getString(8)),
                Instant.ofEpochMilli(rs.getLong(9)));
    }

    /** The references of one manifest, split by kind, in stored order. */
    private static final class References {
        final List<Digest> blobs = new ArrayList<>();
        final List<Digest> manifests = new ArrayList<>();

        void add(String kind, String digest) {
            (BLOB.equals(kind) ? blobs : manifests).add(Digest.parse(digest));
        }
    }

    private static String text(Digest d) {
        return d == null ? null : d.toString();
    }

    private static Digest digest(String s) {
        return s == null ? null : Digest.parse(s);
    }

    private static String annotationsJson(Map<String, String> annotations) throws SQLException {
        if (annotations == null || annotations.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(annotations);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot encode annotations", e);
        }
    }

    private static Map<String, String> annotations(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(JSON.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored annotations are not a JSON object of strings", e);
        }
    }
}
