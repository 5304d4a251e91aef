package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Registry state on JDBC (SQLite embedded, PostgreSQL for scale-out): repositories, blob records and their links
 * to repositories, manifests with their references, tags and upload sessions. Every method is its own transaction;
 * {@link #putManifest} checks the references and writes the manifest, its references and its tag in one
 * (design invariant 2). Implementations are thread-safe.
 *
 * <p>Writes that change content take the domain {@link Event} describing the change (null: none) and record it in
 * the event outbox in their own transaction, only when the change happened: an acknowledged change always has its
 * event, a refused or rolled-back one never does.
 */
public interface MetadataStore extends AutoCloseable {

    // --- blobs -------------------------------------------------------------------------------------------------

    /** Records a committed blob (idempotent) and links it into {@code repo}, creating the repository if needed. */
    void linkBlob(RepositoryName repo, Digest digest, long size);

    /**
     * Links a blob of {@code from} into {@code repo} in one transaction with the check that {@code from} holds it
     * (so garbage collection cannot remove it in between); the blob's size, or empty when {@code from} lacks it.
     */
    default Optional<Long> mountBlob(RepositoryName from, RepositoryName repo, Digest digest) {
        return mountBlob(from, repo, digest, null);
    }

    /** {@link #mountBlob(RepositoryName, RepositoryName, Digest)}, recording {@code mounted} when it links. */
    Optional<Long> mountBlob(RepositoryName from, RepositoryName repo, Digest digest, Event mounted);

    /** Size of {@code digest} when it is linked into {@code repo}. */
    Optional<Long> linkedBlobSize(RepositoryName repo, Digest digest);

    /** Size of a blob known anywhere in the registry (for cross-repository mount decisions). */
    Optional<Long> blobSize(Digest digest);

    /** Removes the link of {@code digest} from {@code repo}; the blob record stays for GC to decide. */
    default boolean unlinkBlob(RepositoryName repo, Digest digest) {
        return unlinkBlob(repo, digest, null);
    }

    /** {@link #unlinkBlob(RepositoryName, Digest)}, recording {@code deleted} when it unlinks. */
    boolean unlinkBlob(RepositoryName repo, Digest digest, Event deleted);

    // --- manifests and tags ------------------------------------------------------------------------------------

    /**
     * In one transaction: verifies every blob of {@code manifest.blobReferences()} is linked into the repository
     * and every child of {@code manifest.manifestReferences()} is a manifest of the repository, then stores the
     * manifest (idempotent by digest) with its references, and points {@code tag} at it when non-null. A tag that
     * already points at another manifest moves only if {@code tagMove} allows it, decided in that transaction.
     *
     * @throws dev.wharf.oci.OciException MANIFEST_BLOB_UNKNOWN (detail: the missing digest) for a missing blob or
     *                                    child manifest (the spec's code for both), or what {@code tagMove} throws
     */
    default void putManifest(ManifestRecord manifest, String tag, TagMove tagMove) {
        putManifest(manifest, tag, tagMove, null);
    }

    /** {@link #putManifest(ManifestRecord, String, TagMove)}, recording {@code pushed} in the same transaction. */
    void putManifest(ManifestRecord manifest, String tag, TagMove tagMove, Event pushed);

    /** {@link #putManifest(ManifestRecord, String, TagMove)} with a tag that may always move. */
    default void putManifest(ManifestRecord manifest, String tag) {
        putManifest(manifest, tag, TagMove.ANY);
    }

    Optional<ManifestRecord> manifestByDigest(RepositoryName repo, Digest digest);

    Optional<ManifestRecord> manifestByTag(RepositoryName repo, String tag);

    /** Deletes a manifest, its references and every tag pointing at it; false when it was not there. */
    default boolean deleteManifest(RepositoryName repo, Digest digest) {
        return deleteManifest(repo, digest, null);
    }

    /** {@link #deleteManifest(RepositoryName, Digest)}, recording {@code deleted} when it deletes. */
    boolean deleteManifest(RepositoryName repo, Digest digest, Event deleted);

    /** Deletes one tag; the manifest stays. False when the tag was not there. */
    default boolean deleteTag(RepositoryName repo, String tag) {
        return deleteTag(repo, tag, null);
    }

    /** {@link #deleteTag(RepositoryName, String)}, recording {@code deleted} when it deletes. */
    boolean deleteTag(RepositoryName repo, String tag, Event deleted);

    /**
     * Deletes a repository's tags, manifests and blob links in one transaction (blob bytes are left to GC); false
     * when it had no content.
     */
    default boolean deleteRepository(RepositoryName repo) {
        return deleteRepository(repo, null);
    }

    /** {@link #deleteRepository(RepositoryName)}, recording {@code deleted} when it deletes. */
    default boolean deleteRepository(RepositoryName repo, Event deleted) {
        throw new UnsupportedOperationException("deleting a repository is not supported by " + getClass().getName());
    }

    /** Manifests in {@code repo} whose subject is {@code subject}, optionally only those of one artifact type. */
    List<ManifestRecord> referrers(RepositoryName repo, Digest subject, String artifactType);

    // --- listings (keyset pagination: cost independent of the total count) ---------------------------------------

    boolean repositoryExists(RepositoryName repo);

    /** Up to {@code limit} tag names of {@code repo} sorted lexically, strictly after {@code after} when non-null. */
    List<String> listTags(RepositoryName repo, String after, int limit);

    /** Up to {@code limit} repository names sorted lexically, strictly after {@code after} when non-null. */
    List<String> listRepositories(String after, int limit);

    // --- browsing (web UI) -----------------------------------------------------------------------------------------

    /**
     * Up to {@code limit} visible repositories whose name contains {@code contains} (case-insensitive; null or empty
     * matches all), in byte order: strictly after {@code after} when non-null, else the last ones strictly before
     * {@code before} when non-null (still returned in ascending order), else the first ones. Keyset pages walk the
     * name index, so a page costs the same whatever the total count.
     */
    List<RepositorySummary> findRepositories(String contains, String after, String before, int limit);

    /** How many visible repositories {@link #findRepositories} would walk for {@code contains}. */
    long countRepositories(String contains);

    /** Up to {@code limit} tags of {@code repo} with their manifest digest, sorted, strictly after {@code after}. */
    List<TagEntry> listTagEntries(RepositoryName repo, String after, int limit);

    // --- upload sessions -------------------------------------------------------------------------------------------

    void createUpload(UploadSession session);

    Optional<UploadSession> upload(String uploadId);

    /** Records progress of an upload (size and last-activity time). */
    void touchUpload(String uploadId, long size, Instant updatedAt);

    boolean deleteUpload(String uploadId);

    /**
     * Ends upload {@code uploadId} whose blob was committed, and links that blob into {@code repo}: {@link
     * #deleteUpload} and {@link #linkBlob} in one transaction where the store can (one commit per pushed blob).
     */
    default void completeUpload(String uploadId, RepositoryName repo, Digest digest, long size) {
        deleteUpload(uploadId);
        linkBlob(repo, digest, size);
    }

    /** Upload sessions with no activity since {@code cutoff}. */
    List<UploadSession> uploadsIdleSince(Instant cutoff);

    /** Every upload session (to recount staged bytes at start). */
    default List<UploadSession> uploads() {
        return uploadsIdleSince(Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    /** Checks the database answers (for /ready). */
    void check();

    @Override
    void close();
}
