package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MetadataStore} on JDBC: SQLite (embedded default) or PostgreSQL (scale-out), chosen by the JDBC URL.
 * Each method is one transaction of {@link Database}; the SQL lives in one small class per table family
 * ({@link Repositories}, {@link Blobs}, {@link Manifests}, {@link Tags}, {@link Uploads}).
 *
 * <p>Semantics worth knowing:
 * <ul>
 *   <li>A repository row is created by its first blob link or manifest and stays when its content is deleted.
 *       {@link #repositoryExists} and {@link #listRepositories} count a repository only while it has at least one
 *       manifest or linked blob; upload sessions never create one, so a repository with only cancelled uploads is
 *       never listed.</li>
 *   <li>Listings are keyset pages in byte order (SQLite {@code BINARY}, PostgreSQL {@code COLLATE "C"}).</li>
 *   <li>Timestamps are stored as epoch milliseconds.</li>
 *   <li>Database failures are {@link MetadataException}s; the only {@code OciException}s are the two
 *       {@link #putManifest} documents and what a caller's {@link TagMove} or {@link LinkQuota} throws.</li>
 * </ul>
 *
 * <p>Schema migrations are Flyway (see {@link Database}); {@link #open} applies them.
 */
public final class JdbcMetadataStore implements MetadataStore {

    private final Database db;
    private final Clock clock;

    JdbcMetadataStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Opens the store: creates the connection pool(s), migrates the schema and returns the store, which owns the
     * pools until {@link #close}. {@code user} and {@code password} are ignored for SQLite.
     *
     * @param jdbcUrl {@code jdbc:sqlite:/path/to/wharf.db} or {@code jdbc:postgresql://host/db}
     * @throws MetadataException when the database cannot be reached or migrated
     */
    public static JdbcMetadataStore open(String jdbcUrl, String user, String password) {
        return new JdbcMetadataStore(Database.open(jdbcUrl, user, password), Clock.systemUTC());
    }

    /** Transactions for stores with their own tables outside this package (accounts, tokens, audit). */
    public SqlAccess sql() {
        return new SqlAccess(db);
    }

    /**
     * New locks for upload sessions that hold across every node sharing this database (in this process on SQLite);
     * the caller closes them.
     */
    public UploadLocks newUploadLocks() {
        return db.newUploadLocks();
    }

    /** The underlying database (package-private: for tests of pragmas and query plans). */
    Database database() {
        return db;
    }

    private long now() {
        return clock.millis();
    }

    // --- blobs -------------------------------------------------------------------------------------------------

    @Override
    public void linkBlob(RepositoryName repo, Digest digest, long size, LinkQuota quota) {
        long now = now();
        db.write(tx -> {
            Blobs.link(tx, Repositories.createOrFind(tx, repo, now), digest, size, now, quota);
            return null;
        });
    }

    @Override
    public Optional<Long> mountBlob(RepositoryName from, RepositoryName repo, Digest digest, LinkQuota quota,
                                    Event mounted) {
        long now = now();
        return db.write(tx -> {
            Optional<Long> size = Blobs.mount(tx, from, Repositories.createOrFind(tx, repo, now), digest, now, quota);
            if (size.isPresent()) {
                Outbox.add(tx, mounted);
            }
            return size;
        });
    }

    @Override
    public Optional<Long> linkedBlobSize(RepositoryName repo, Digest digest) {
        return db.read(tx -> Blobs.linkedSize(tx, repo, digest));
    }

    @Override
    public Optional<Long> blobSize(Digest digest) {
        return db.read(tx -> Blobs.size(tx, digest));
    }

    @Override
    public boolean unlinkBlob(RepositoryName repo, Digest digest, Event deleted) {
        long now = now();
        return db.write(tx -> recordIf(tx, Blobs.unlink(tx, repo, digest, now), deleted));
    }

    /** Records {@code event} when {@code changed}; returns {@code changed}. */
    private static boolean recordIf(Tx tx, boolean changed, Event event) throws java.sql.SQLException {
        if (changed) {
            Outbox.add(tx, event);
        }
        return changed;
    }

    // --- manifests and tags ------------------------------------------------------------------------------------

    /**
     * Steps, in one write transaction: (1) check every blob reference is linked into the repository, (2) check
     * every child manifest is a manifest of the repository — both checks keep their rows share-locked on
     * PostgreSQL so a concurrent unlink or delete waits for this commit; (3) create the repository if missing;
     * (4) insert the manifest and its references unless the digest is already there, asking {@code quota} when it is
     * the repository's first content; (5) point the tag at it; (6) record {@code pushed} in the outbox.
     */
    @Override
    public void putManifest(ManifestRecord manifest, String tag, TagMove tagMove, LinkQuota quota, Event pushed) {
        Objects.requireNonNull(manifest, "manifest");
        long now = now();
        db.write(tx -> {
            Optional<Long> existingRepo = Repositories.id(tx, manifest.repository());
            for (Digest blob : orEmpty(manifest.blobReferences())) {
                if (existingRepo.isEmpty() || !Blobs.isLinkedLocked(tx, existingRepo.get(), blob)) {
                    throw ErrorCode.MANIFEST_BLOB_UNKNOWN.exception("blob unknown to registry",
                            Map.of("digest", blob.toString()));
                }
            }
            for (Digest child : orEmpty(manifest.manifestReferences())) {
                if (existingRepo.isEmpty()
                        || Manifests.idLocked(tx, existingRepo.get(), child, tx.dialect().forShare()).isEmpty()) {
                    throw ErrorCode.MANIFEST_BLOB_UNKNOWN.exception("manifest unknown to registry",
                            Map.of("digest", child.toString()));
                }
            }
            // only a manifest referencing nothing can be a repository's first content; others need links first
            boolean firstContent = orEmpty(manifest.blobReferences()).isEmpty()
                    && orEmpty(manifest.manifestReferences()).isEmpty()
                    && (existingRepo.isEmpty() || !Repositories.hasContent(tx, manifest.repository()));
            long repoId = existingRepo.isPresent()
                    ? existingRepo.get()
                    : Repositories.createOrFind(tx, manifest.repository(), now);
            long manifestId = Manifests.createOrFind(tx, repoId, manifest, now);
            if (firstContent) {
                Usage.manifestIsFirstContent(tx, repoId, quota);
            }
            if (tag != null) {
                Tags.point(tx, repoId, tag, manifestId, now,
                        current -> tagMove.check(Manifests.digestOf(tx, current), manifest.digest()));
            }
            Outbox.add(tx, pushed);
            return null;
        });
    }

    @Override
    public Optional<ManifestRecord> manifestByDigest(RepositoryName repo, Digest digest) {
        return db.read(tx -> Manifests.byDigest(tx, repo, digest));
    }

    @Override
    public Optional<ManifestRecord> manifestByTag(RepositoryName repo, String tag) {
        return db.read(tx -> Manifests.byTag(tx, repo, tag));
    }

    @Override
    public boolean deleteManifest(RepositoryName repo, Digest digest, Event deleted) {
        return db.write(tx -> {
            Optional<Long> repoId = Repositories.id(tx, repo);
            return recordIf(tx, repoId.isPresent() && Manifests.delete(tx, repoId.get(), digest), deleted);
        });
    }

    @Override
    public boolean deleteTag(RepositoryName repo, String tag, Event deleted) {
        return db.write(tx -> recordIf(tx, Tags.delete(tx, repo, tag), deleted));
    }

    /** Removes the repository's tags, manifests and blob links (uncounting their usage) in one transaction. */
    @Override
    public boolean deleteRepository(RepositoryName repo, Event deleted) {
        long now = now();
        return db.write(tx -> {
            Optional<Long> repoId = Repositories.id(tx, repo);
            if (repoId.isEmpty() || !Repositories.hasContent(tx, repo)) {
                return false;
            }
            tx.update("DELETE FROM tags WHERE repository_id = ?", repoId.get());
            tx.update("DELETE FROM manifest_references WHERE manifest_id IN"
                    + " (SELECT id FROM manifests WHERE repository_id = ?)", repoId.get());
            tx.update("DELETE FROM manifests WHERE repository_id = ?", repoId.get());
            for (String digest : Blobs.linked(tx, repoId.get())) {
                Blobs.unlink(tx, repoId.get(), digest, now);
            }
            Outbox.add(tx, deleted);
            return true;
        });
    }

    /** The registries (tenants) kept in the same database. */
    public RegistryStore registries() {
        return new JdbcRegistryStore(db, clock);
    }

    @Override
    public List<ManifestRecord> referrers(RepositoryName repo, Digest subject, String artifactType) {
        return db.read(tx -> {
            Optional<Long> repoId = Repositories.id(tx, repo);
            return repoId.isEmpty()
                    ? List.<ManifestRecord>of()
                    : Manifests.referrers(tx, repoId.get(), repo, subject, artifactType);
        });
    }

    // --- listings ------------------------------------------------------------------------------------------------

    @Override
    public boolean repositoryExists(RepositoryName repo) {
        return db.read(tx -> Repositories.hasContent(tx, repo));
    }

    @Override
    public List<String> listTags(RepositoryName repo, String after, int limit) {
        if (checkLimit(limit) == 0) {
            return List.of();
        }
        return db.read(tx -> {
            Optional<Long> repoId = Repositories.id(tx, repo);
            return repoId.isEmpty() ? List.<String>of() : Tags.list(tx, repoId.get(), after, limit);
        });
    }

    @Override
    public List<String> listRepositories(String after, int limit) {
        if (checkLimit(limit) == 0) {
            return List.of();
        }
        return db.read(tx -> Repositories.list(tx, after, limit));
    }

    private static int checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative page size " + limit);
        }
        return limit;
    }

    // --- browsing ------------------------------------------------------------------------------------------------

    @Override
    public List<RepositorySummary> findRepositories(String contains, String after, String before, int limit) {
        if (checkLimit(limit) == 0) {
            return List.of();
        }
        return db.read(tx -> Browsing.find(tx, contains, after, before, limit));
    }

    @Override
    public long countRepositories(String contains) {
        return db.read(tx -> Browsing.count(tx, contains));
    }

    @Override
    public List<TagEntry> listTagEntries(RepositoryName repo, String after, int limit) {
        if (checkLimit(limit) == 0) {
            return List.of();
        }
        return db.read(tx -> {
            Optional<Long> repoId = Repositories.id(tx, repo);
            return repoId.isEmpty() ? List.<TagEntry>of() : Browsing.tags(tx, repoId.get(), after, limit);
        });
    }

    // --- upload sessions -------------------------------------------------------------------------------------------

    @Override
    public void createUpload(UploadSession session) {
        db.write(tx -> {
            Uploads.create(tx, session);
            return null;
        });
    }

    @Override
    public Optional<UploadSession> upload(String uploadId) {
        return db.read(tx -> Uploads.find(tx, uploadId));
    }

    /** Records progress; does nothing when the session is gone (e.g. deleted by a concurrent cancel or expiry). */
    @Override
    public void touchUpload(String uploadId, long size, Instant updatedAt) {
        db.write(tx -> Uploads.touch(tx, uploadId, size, updatedAt));
    }

    @Override
    public boolean deleteUpload(String uploadId) {
        return db.write(tx -> Uploads.delete(tx, uploadId));
    }

    @Override
    public void completeUpload(String uploadId, RepositoryName repo, Digest digest, long size, LinkQuota quota) {
        long now = now();
        db.write(tx -> {
            Uploads.delete(tx, uploadId);
            Blobs.link(tx, Repositories.createOrFind(tx, repo, now), digest, size, now, quota);
            return null;
        });
    }

    @Override
    public List<UploadSession> uploadsIdleSince(Instant cutoff) {
        return db.read(tx -> Uploads.idleSince(tx, cutoff));
    }

    @Override
    public void check() {
        db.check();
    }

    @Override
    public void close() {
        db.close();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
