package dev.wharf.content;

import dev.wharf.events.Event;
import dev.wharf.events.EventSink;
import dev.wharf.events.Origin;
import dev.wharf.meta.BlobLinkStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.storage.BlobSource;
import dev.wharf.storage.BlobStore;

import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.util.Map;

/**
 * Reading blobs as a repository sees them: only blobs linked into it exist for it (deletes:
 * {@link ContentDeletion}). A download is told to the event sink, with no database write.
 */
public final class BlobService {
    private final BlobStore blobs;
    private final BlobLinkStore meta;
    private final EventSink events;
    private final Clock clock;

    public BlobService(BlobStore blobs, BlobLinkStore meta) {
        this(blobs, meta, EventSink.NONE, Clock.systemUTC());
    }

    public BlobService(BlobStore blobs, BlobLinkStore meta, EventSink events, Clock clock) {
        this.blobs = blobs;
        this.meta = meta;
        this.events = events;
        this.clock = clock;
    }

    /** Size of a blob linked into {@code repo}; BLOB_UNKNOWN otherwise. */
    public long size(RepositoryName repo, Digest digest) {
        return meta.linkedBlobSize(repo, digest).orElseThrow(() -> unknown(digest));
    }

    /** {@link #size} for a client that downloads the blob (GET): the sink hears of the pull. */
    public long pull(RepositoryName repo, Digest digest, Origin who) {
        long size = size(repo, digest);
        events.emit(new Event.BlobPulled(clock.instant(), who, repo, digest));
        return size;
    }

    /** How to send the blob's bytes (a local file, a channel or a redirect); BLOB_UNKNOWN when they are gone. */
    public BlobSource serve(Digest digest) {
        return UploadService.io(() -> blobs.serve(digest));
    }

    public SeekableByteChannel open(Digest digest) {
        return UploadService.io(() -> blobs.open(digest));
    }

    private static OciException unknown(Digest digest) {
        return ErrorCode.BLOB_UNKNOWN.exception("blob unknown to registry", Map.of("digest", digest.toString()));
    }
}
