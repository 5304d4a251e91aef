package dev.wharf.storage;

import dev.wharf.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Staged upload content, identified by an upload id the registry service chose. Bytes land here first; {@link
 * #commit} verifies the digest and atomically publishes the blob into the {@link BlobStore}.
 *
 * <p><b>Durable offset.</b> An upload's size is its durable offset: every byte below it survives a crash and is
 * seen by every instance on the same storage (any node, or this one after a restart). {@link #append} returns it
 * and acknowledges nothing beyond it; a failed append (short body, too long, I/O error) leaves it where it was.
 * How the bytes are kept is the implementation's: the filesystem appends to one file and fsyncs; an object store
 * whose multipart parts must be at least 5 MiB (S3) uploads whole parts and keeps the tail below a part size durable
 * elsewhere (a small object, a row) until later chunks complete a part or {@link #commit} sends it as the last one.
 * Chunks of any size, down to one byte, must be accepted.
 *
 * <p><b>Digest.</b> {@link #commit} checks the digest of the staged bytes, whichever instance appended them. An
 * implementation may keep a running digest per instance to avoid reading them again, but must fall back to the
 * staged bytes when its state does not cover exactly the upload's durable offset (another node appended). Such a
 * state cannot be shared: the JDK's SHA-256 cannot export it, and a pure-Java one that could runs about seven times
 * slower on every byte (77 against 550-620 MB/s here), whereas re-reading costs one pass at 325-400 MB/s and only
 * when the commit lands on a node that missed an append.
 *
 * <p>Concurrent calls for the same upload id are the caller's to serialize ({@code meta.UploadLocks}, shared by
 * nodes); different ids are independent.
 */
public interface UploadStaging {

    /** Creates an empty staged upload. */
    void create(String uploadId) throws IOException;

    /**
     * Appends {@code body} to the upload, which must currently hold exactly {@code expectedOffset} bytes.
     * Reads at most {@code maxBytes}; a body longer than that fails with SIZE_INVALID and appends nothing.
     * A body that ends early with an error (client disconnect) leaves the upload at its previous size.
     *
     * @return the durable offset after the append: {@code expectedOffset} plus every byte read, all of them durable
     * @throws dev.wharf.oci.OciException BLOB_UPLOAD_UNKNOWN when there is no such upload; RANGE_INVALID (416)
     *                                    when {@code expectedOffset} is not the current size
     */
    long append(String uploadId, long expectedOffset, InputStream body, long maxBytes) throws IOException;

    /**
     * Appends the last bytes of an upload that {@link #commit} follows straight away, in the same request: nothing
     * is acknowledged in between, so an implementation may leave making these bytes durable to the commit (one
     * fsync per pushed blob instead of two). When this fails the caller discards the upload.
     */
    default long appendFinal(String uploadId, long expectedOffset, InputStream body, long maxBytes) throws IOException {
        return append(uploadId, expectedOffset, body, maxBytes);
    }

    /** Current size of the staged upload, or -1 when there is no such upload. */
    long size(String uploadId) throws IOException;

    /**
     * Verifies the staged content hashes to {@code expected}, makes it durable (fsync) and publishes it as that
     * blob atomically. When the blob already exists the staged copy is discarded. The staged upload is gone
     * afterwards, on success and on DIGEST_INVALID alike.
     *
     * @return the size of the committed blob
     * @throws dev.wharf.oci.OciException DIGEST_INVALID when the content does not match; BLOB_UPLOAD_UNKNOWN
     */
    long commit(String uploadId, Digest expected) throws IOException;

    /** Discards a staged upload; returns false when there was none. */
    boolean cancel(String uploadId) throws IOException;

    /** Upload ids whose content was last written before {@code cutoff} (abandoned uploads). */
    List<String> idleSince(Instant cutoff) throws IOException;
}
