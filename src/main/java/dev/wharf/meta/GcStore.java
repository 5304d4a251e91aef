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
 * The metadata the garbage collector needs: its runs, retention policies and schedules, and paged reads and
 * re-checked deletes of manifests, tags and blobs. Every read is a bounded page; every delete re-reads what it
 * decides on inside its own write transaction, with the rows locked, and asks the caller's rule again there.
 * Timestamps are epoch milliseconds.
 */
public interface GcStore {

    // --- runs ------------------------------------------------------------------------------------------------

    /** A garbage collection run as stored. {@code registry} null: the whole instance. */
    record RunRow(String uuid, String registry, String type, String status, boolean dryRun, String owner,
                  String detail, long createdAt, long updatedAt, long heartbeatAt, Counters counters) {
    }

    /** What a run removed (or, dry, would remove) so far. */
    record Counters(long blobsDeleted, long manifestsDeleted, long tagsDeleted, long freedBytes) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0);
    }

    /** Inserts a {@code requested} run; false when the scope already has an active one (enforced by an index). */
    default boolean insertRun(RunRow run) {
        return insertRun(run, null);
    }

    /** {@link #insertRun(RunRow)}, recording {@code started} in the same transaction when it inserts. */
    boolean insertRun(RunRow run, dev.wharf.events.Event started);

    Optional<RunRow> run(String uuid);

    /** The requested or running run of {@code registry} (null: the instance-wide one). */
    Optional<RunRow> activeRun(String registry);

    /** Runs newest first; {@code allScopes} ignores {@code registry} and lists every run. */
    List<RunRow> runs(String registry, boolean allScopes, int offset, int limit);

    long countRuns(String registry, boolean allScopes);

    /** Marks a requested or running run cancelled; false when it was not active. */
    boolean cancelRun(String uuid, long now);

    /** Atomically moves the oldest requested run to {@code running} for {@code owner}. */
    Optional<RunRow> claimRequested(String owner, long now);

    /** Records progress; false when the run is no longer running for {@code owner} (cancelled or taken over). */
    boolean heartbeat(String uuid, String owner, Counters counters, long now);

    /** Ends a running run of {@code owner} with {@code status}; false when it was no longer running for it. */
    default boolean finishRun(String uuid, String owner, String status, Counters counters, String detail, long now) {
        return finishRun(uuid, owner, status, counters, detail, now, null);
    }

    /** {@link #finishRun}, recording {@code finished} in the same transaction when it ends the run. */
    boolean finishRun(String uuid, String owner, String status, Counters counters, String detail, long now,
                      dev.wharf.events.Event finished);

    /**
     * Records what a run of {@code owner} removed before it was stopped (cancelled, or failed as stale), so its
     * record says what it did; false when it is running still or is gone. The status and times stay as they are.
     */
    boolean keepStoppedCounters(String uuid, String owner, Counters counters);

    /** Fails running runs whose heartbeat is older than {@code staleBefore} (their node died); returns how many. */
    int failStaleRuns(long staleBefore, long now);

    // --- policies and schedules ------------------------------------------------------------------------------

    /** Retention and immutability for repositories {@code registry/<repositories glob>}; null fields are unset. */
    record PolicyRow(String registry, String repositories, Integer keepLast, String keepTags, Integer olderThanDays,
                     String protectedTags, String immutableTags, long updatedAt) {
    }

    List<PolicyRow> policies();

    void putPolicy(PolicyRow policy);

    boolean deletePolicy(String registry, String repositories);

    /** A maintenance window; {@code registry} "" is the whole instance. */
    record ScheduleRow(String registry, boolean enabled, String cron, String timeZone, String type, Long lastWindow,
                       String lastRun, long updatedAt) {
    }

    List<ScheduleRow> schedules();

    /** Creates or replaces a schedule, keeping the window it last ran for. */
    void putSchedule(ScheduleRow schedule);

    boolean deleteSchedule(String registry);

    /** Records that {@code window} of {@code registry} got {@code runUuid}; false when that window already had one. */
    boolean claimWindow(String registry, long window, String runUuid, long now);

    // --- manifests and tags ----------------------------------------------------------------------------------

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

    // --- blobs -----------------------------------------------------------------------------------------------

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
     * Start-up repair: deletes the records (and links) of {@code digests} whose bytes are still missing once the
     * record is locked ({@code bytesMissing}), so clients upload them again; returns how many went.
     */
    int dropRecordsWithoutBytes(List<Digest> digests, Predicate<Digest> bytesMissing);

    /** Whether the one-time repair {@code name} has already completed on this database. */
    boolean repairDone(String name);

    /** Records that the one-time repair {@code name} has completed. */
    void markRepairDone(String name, long now);

    /**
     * Records stored blobs the metadata does not know as unlinked blobs created at time 0, so that
     * {@link #collectBlobs} can collect them like any other; returns the digests that were indeed unknown.
     */
    List<Digest> adoptOrphans(List<BlobUse> stored);

    /** Which of {@code digests} have a blob record. */
    Set<Digest> knownBlobs(List<Digest> digests);
}
