package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a collection reads and removes: paged reads of repositories, manifests, tags and blobs, and deletes that
 * re-read what they decide on inside their own write transaction, with the rows locked, and ask the caller's rule
 * again there. Stored blobs the metadata does not know are adopted so they are collected the same way.
 */
public interface GcSweepStore {

    /** Up to {@code limit} repository names of {@code registry} (null: all), strictly after {@code after}. */
    List<RepositoryName> repositories(String registry, String after, int limit);

    /** An untagged-looking manifest found by a scan (the decision is re-checked when deleting). */
    record ManifestRef(long id, Digest digest, long size) {
    }

    /** Manifests of {@code repo} created before {@code createdBefore} and without a tag, ids below {@code belowId}. */
    List<ManifestRef> untaggedManifests(RepositoryName repo, long createdBefore, long belowId, int limit);

    /**
     * What keeps a manifest: whether it is tagged, the ids of manifests of its repository listing it as a child,
     * and its subject ({@code subject} null: none; {@code subjectId} null: the subject is not in the repository).
     */
    record ManifestUse(long id, Digest digest, long size, long createdAt, boolean tagged, List<Long> parents,
                       Digest subject, Long subjectId) {
    }

    Optional<ManifestUse> manifestUse(RepositoryName repo, long id);

    /**
     * In one write transaction: locks each manifest, reads its use again and deletes it (with its references)
     * when {@code collectable} still accepts it. Returns the deleted ones.
     */
    List<ManifestRef> deleteManifests(RepositoryName repo, List<Long> ids, Predicate<ManifestUse> collectable);

    /** A tag with what it points at and when it was last pushed. */
    record TagRow(String name, long manifestId, Digest digest, long pushedAt) {
    }

    /** Tags of {@code repo}, newest push first, after {@code (pushedAt, name)} of the previous page (null: first). */
    List<TagRow> tagsByPushTime(RepositoryName repo, TagRow after, int limit);

    /** Deletes the tag only if it still points at the same manifest and was not pushed again since. */
    boolean deleteTagIfUnchanged(RepositoryName repo, TagRow tag);


    /** Digests of blob records (registry null) or of blobs linked into the registry's repositories. */
    List<Digest> blobDigests(String registry, Digest after, int limit);

    /** A repository's link to a blob and when it was last linked. */
    record Link(long repositoryId, RepositoryName repository, long linkedAt) {
    }

    /** Who holds a blob: its links and the ids and repositories of manifests referencing it. */
    record BlobUse(Digest digest, long size, long createdAt, List<Link> links, List<Reference> references) {
    }

    record Reference(long manifestId, long repositoryId) {
    }

    List<BlobUse> blobUses(List<Digest> digests);

    /** The rule's answer for one blob: links to remove, and whether the record goes too (when nothing is left). */
    record BlobDecision(List<Link> unlink, boolean deleteRecord) {
        public static final BlobDecision KEEP = new BlobDecision(List.of(), false);
    }

    /** What one blob transaction removed: links, the records deleted and the bytes their removal freed. */
    record BlobRemoval(int unlinked, List<BlobUse> deletedRecords, long freedBytes) {
    }

    /**
     * The stored bytes of blobs whose records {@link #collectBlobs} deletes: set aside inside the transaction, so a
     * link made after it finds them gone, and removed for good only once the deletion has committed, so a crash or a
     * rollback never leaves a record without its bytes.
     */
    interface BytesRemoval {
        /**
         * Inside the transaction, before the record goes: moves the bytes out of reach; returns the bytes freed (0
         * when there were none), or -1 to keep the record because the bytes must stay.
         */
        long setAside(BlobUse use) throws IOException;

        /**
         * After the transaction (and before a retried one): when {@code committed} the bytes set aside go, else they
         * are put back.
         */
        void finish(boolean committed);
    }

    /**
     * In one write transaction: for each digest locks the blob record and its links, reads its use again, applies
     * {@code rule} and removes the links it names. When the rule lets the record go and no link and no reference is
     * left, {@code bytes} sets the stored bytes aside, still inside the transaction, and then the record goes; the
     * bytes are discarded after the commit. Because a link is made in a transaction that waits for this one, a link
     * made afterwards finds the bytes gone (see {@code UploadService}), never a record that outlives its bytes.
     */
    BlobRemoval collectBlobs(List<Digest> digests, Function<BlobUse, BlobDecision> rule, BytesRemoval bytes);

    /**
     * Records stored blobs the metadata does not know as unlinked blobs created at time 0, so that
     * {@link #collectBlobs} can collect them like any other; returns the digests that were indeed unknown.
     */
    List<Digest> adoptOrphans(List<BlobUse> stored);

    /** Which of {@code digests} have a blob record. */
    Set<Digest> knownBlobs(List<Digest> digests);
}
