package dev.wharf.content;

import dev.wharf.events.Event;
import dev.wharf.events.Origin;
import dev.wharf.meta.UploadLocks;
import dev.wharf.meta.UploadSession;
import dev.wharf.meta.UploadStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.UploadStaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blob uploads: monolithic, chunked and cross-repository mounts. The session lives in the metadata store (so any
 * node can continue it); the bytes live in {@link UploadStaging} until {@link #complete} verifies and publishes
 * them, and only then is the blob linked into the repository.
 */
public final class UploadService {
    private final BlobStore blobs;
    private final UploadStaging staging;
    private final UploadStore meta;
    private final Clock clock;
    private final RegistryLimits limits;
    private final StagedBytes staged;
    private final UploadLocks locks;
    private final AtomicInteger writesInProgress = new AtomicInteger();

    public UploadService(BlobStore blobs, UploadStore meta, Clock clock) {
        this(blobs, meta, clock, RegistryLimits.NONE);
    }

    public UploadService(BlobStore blobs, UploadStore meta, Clock clock, RegistryLimits limits) {
        this(blobs, meta, clock, limits, new StagedBytes(Long.MAX_VALUE));
    }

    /**
     * {@code limits} is asked before bytes are accepted (registries' quotas); {@code staged} counts the bytes of
     * unfinished uploads against those quotas and its own instance-wide cap. Call {@link #recountStaged} before
     * serving.
     */
    public UploadService(BlobStore blobs, UploadStore meta, Clock clock, RegistryLimits limits, StagedBytes staged) {
        this(blobs, meta, clock, limits, staged, UploadLocks.inProcess());
    }

    /**
     * As above; {@code locks} serialize the requests of one upload, and must be shared by every node that serves
     * the same uploads ({@code JdbcMetadataStore.newUploadLocks}).
     */
    public UploadService(BlobStore blobs, UploadStore meta, Clock clock, RegistryLimits limits, StagedBytes staged,
                         UploadLocks locks) {
        this.locks = locks;
        this.blobs = blobs;
        this.staging = blobs.uploads();
        this.meta = meta;
        this.clock = clock;
        this.limits = limits;
        this.staged = staged;
    }

    /** Rebuilds the staged-bytes figures from the upload sessions and what staging holds for each (at start). */
    public void recountStaged() {
        for (UploadSession s : meta.uploads()) {
            staged.set(s.id(), s.repository(), io(() -> staging.size(s.id())));
        }
    }

    /** Bytes held in unfinished uploads now (for metrics and tests). */
    public long stagedBytes() {
        return staged.total();
    }

    /** Number of request bodies being written into uploads right now (for the metrics gauge). */
    public int writesInProgress() {
        return writesInProgress.get();
    }

    /** Opens an empty upload session. */
    public UploadSession start(RepositoryName repo) {
        limits.beforePush(repo, null, 0);
        return open(repo);
    }

    private UploadSession open(RepositoryName repo) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        io(() -> staging.create(id));
        UploadSession session = new UploadSession(id, repo, 0, now, now);
        meta.createUpload(session);
        return session;
    }

    /** {@code POST …/blobs/uploads/?digest=}: the whole blob in one request. */
    public CommittedBlob monolithic(RepositoryName repo, Digest digest, InputStream body, long contentLength) {
        limits.beforePush(repo, digest, Math.max(0, contentLength));
        UploadSession session = open(repo);
        return complete(repo, session.id(), digest, body, contentLength);
    }

    /**
     * Appends one chunk. {@code rangeStart} is the start offset the client declared in {@code Content-Range}
     * (null when it sent none); {@code contentLength} is -1 when unknown.
     *
     * @return the session after the append
     */
    public UploadSession append(RepositoryName repo, String id, Long rangeStart, long contentLength, InputStream body) {
        try (UploadLocks.Held held = locks.hold(id)) {
            UploadSession session = session(repo, id);
            long current = io(() -> staging.size(id));
            if (current < 0) {
                throw unknownUpload(id);
            }
            long offset = rangeStart == null ? current : rangeStart;
            if (contentLength > 0) {
                limits.beforePush(repo, null, offset + contentLength);
            }
            long size = write(repo, null, id, offset, body, contentLength, false);
            UploadSession updated = new UploadSession(id, repo, size, session.startedAt(), clock.instant());
            meta.touchUpload(id, size, updated.updatedAt());
            return updated;
        }
    }

    /** The session with its current size, for {@code GET …/blobs/uploads/<id>}. */
    public UploadSession status(RepositoryName repo, String id) {
        UploadSession session = session(repo, id);
        long size = io(() -> staging.size(id));
        if (size < 0) {
            throw unknownUpload(id);
        }
        return new UploadSession(id, repo, size, session.startedAt(), session.updatedAt());
    }

    /**
     * Appends an optional last chunk, verifies the content against {@code digest}, publishes the blob and links it
     * into the repository. The session is gone afterwards, whatever the outcome.
     */
    public CommittedBlob complete(RepositoryName repo, String id, Digest digest, InputStream body, long contentLength) {
        return complete(repo, id, digest, null, body, contentLength);
    }

    /**
     * As {@link #complete(RepositoryName, String, Digest, InputStream, long)} for a last chunk declared to start at
     * {@code rangeStart} ({@code Content-Range}; null when none): unless the upload is at that offset it is refused
     * with {@code RANGE_INVALID} and stays as it was. The session is read once, under the upload's lock.
     */
    public CommittedBlob complete(RepositoryName repo, String id, Digest digest, Long rangeStart, InputStream body,
                                  long contentLength) {
        try (UploadLocks.Held held = locks.hold(id)) {
            session(repo, id);
            long current = io(() -> staging.size(id));
            if (current < 0) {
                throw unknownUpload(id);
            }
            if (rangeStart != null && rangeStart != current) {
                throw outOfOrder(rangeStart, current);
            }
            refuseOverQuota(repo, id, digest, current + Math.max(0, contentLength));
            long size;
            try {
                if (contentLength != 0) {
                    write(repo, digest, id, current, body, contentLength, true);
                }
                limits.beforePush(repo, digest, io(() -> staging.size(id)));
                size = io(() -> staging.commit(id, digest));
            } catch (RuntimeException | Error e) {
                discard(id, e);
                throw e;
            }
            meta.completeUpload(id, repo, digest, size, QuotaRule.INSTANCE);
            refuseIfCollectedMeanwhile(repo, digest);
            return new CommittedBlob(digest, size);
        } finally {
            staged.release(id); // committed or discarded: staging holds nothing for it any more
        }
    }

    /** Asks the limits before the upload's bytes become a blob; a refused upload is discarded whole. */
    private void refuseOverQuota(RepositoryName repo, String id, Digest digest, long bytes) {
        try {
            limits.beforePush(repo, digest, bytes);
        } catch (OciException e) {
            io(() -> staging.cancel(id));
            meta.deleteUpload(id);
            throw e;
        }
    }

    /**
     * Garbage collection sets a blob's bytes aside in the transaction that deletes its record (and discards them
     * after it), and a link waits for that transaction. So if the bytes are there once the link has committed, they stay while linked; if a
     * collection removed them between publishing and linking (possible only when publishing took longer than the
     * grace period), the link is taken back and the client told to upload again, never left pointing at nothing.
     */
    private void refuseIfCollectedMeanwhile(RepositoryName repo, Digest digest) {
        if (io(() -> blobs.size(digest)).isEmpty()) {
            meta.unlinkBlob(repo, digest);
            throw ErrorCode.BLOB_UPLOAD_INVALID.exception("the blob was garbage collected while it was being stored;"
                    + " upload it again", java.util.Map.of("digest", digest.toString()));
        }
    }

    /** Cancels an upload and discards its bytes. */
    public void cancel(RepositoryName repo, String id) {
        try (UploadLocks.Held held = locks.hold(id)) {
            session(repo, id);
            io(() -> staging.cancel(id));
            staged.release(id);
            meta.deleteUpload(id);
        }
    }

    /**
     * Links a blob of {@code from} into {@code repo} without moving bytes. Empty when the source repository does not
     * hold the blob (the client then uploads it).
     */
    public Optional<CommittedBlob> mount(RepositoryName repo, RepositoryName from, Digest digest,
                                         Origin who) {
        if (io(() -> blobs.size(digest)).isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> size = meta.linkedBlobSize(from, digest);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        limits.beforePush(repo, digest, size.get());
        // check and link in one transaction: garbage collection cannot remove the source link in between
        Event mounted = new Event.BlobMounted(clock.instant(), who, from, repo, digest);
        return meta.mountBlob(from, repo, digest, QuotaRule.INSTANCE, mounted).map(s -> new CommittedBlob(digest, s));
    }

    /** Removes uploads idle for longer than {@code expiry}, in the database and in staging. Returns how many. */
    public int purgeIdle(Duration expiry) {
        Instant cutoff = clock.instant().minus(expiry);
        int purged = 0;
        for (UploadSession s : meta.uploadsIdleSince(cutoff)) {
            try (UploadLocks.Held held = locks.hold(s.id())) {
                io(() -> staging.cancel(s.id()));
                staged.release(s.id());
                meta.deleteUpload(s.id());
                purged++;
            }
        }
        // Staged bytes whose session row is gone (a crash between the two deletes) go too.
        for (String id : io(() -> staging.idleSince(cutoff))) {
            if (meta.upload(id).isEmpty() && io(() -> staging.cancel(id))) {
                purged++;
            }
        }
        return purged;
    }

    /** Ends a failed completion: the staged bytes (the last chunk may not be durable) and the session go. */
    private void discard(String id, Throwable failure) {
        try {
            io(() -> staging.cancel(id));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        } finally {
            meta.deleteUpload(id);
        }
    }

    /**
     * Streams {@code body} into the upload within its {@link StagingGate}: a declared length passing a limit is
     * refused unread, an undeclared one where it crosses (staging then drops what this request wrote).
     */
    private long write(RepositoryName repo, Digest digest, String id, long offset, InputStream body,
                       long contentLength, boolean last) {
        StagingGate gate = new StagingGate(staged, repo, limits.storageRoom(repo, digest).orElse(null));
        gate.refuseDeclared(contentLength);
        InputStream metered = gate.meter(id, body);
        writesInProgress.incrementAndGet();
        try {
            long max = contentLength >= 0 ? contentLength : Long.MAX_VALUE;
            long size = io(() -> last ? staging.appendFinal(id, offset, metered, max)
                    : staging.append(id, offset, metered, max));
            if (contentLength >= 0 && size - offset != contentLength) {
                throw ErrorCode.SIZE_INVALID.exception("body shorter than Content-Length",
                        java.util.Map.of("declared", contentLength, "received", size - offset));
            }
            return size;
        } finally {
            writesInProgress.decrementAndGet();
            recount(id, repo);
        }
    }

    /** After a write, kept or rolled back, the upload counts what staging holds for it, not what was reserved. */
    private void recount(String id, RepositoryName repo) {
        try {
            staged.set(id, repo, staging.size(id));
        } catch (IOException e) {
            // keep the reservation: counting too much until the upload ends is the safe side
        }
    }

    private UploadSession session(RepositoryName repo, String id) {
        return meta.upload(id).filter(s -> s.repository().equals(repo)).orElseThrow(() -> unknownUpload(id));
    }

    /** The client's chunk does not start where the upload ends; {@code Range} tells it where that is. */
    private static OciException outOfOrder(long rangeStart, long current) {
        return ErrorCode.RANGE_INVALID.exception("chunk out of order", java.util.Map.of("start", rangeStart,
                "uploaded", current)).withHeaders(java.util.Map.of("Range", "0-" + Math.max(0, current - 1)));
    }

    private static OciException unknownUpload(String id) {
        return ErrorCode.BLOB_UPLOAD_UNKNOWN.exception("upload unknown", java.util.Map.of("upload", String.valueOf(id)));
    }

    interface IoCall<T> {
        T call() throws IOException;
    }

    interface IoRun {
        void run() throws IOException;
    }

    static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void io(IoRun run) {
        try {
            run.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
