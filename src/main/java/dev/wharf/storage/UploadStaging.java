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
 * <p>Concurrent calls for the same upload id are the caller's to serialize; different ids are independent.
 */
public interface UploadStaging {

    /** Creates an empty staged upload. */
    void create(String uploadId) throws IOException;

    /**
     * Appends {@code body} to the upload, which must currently hold exactly {@code expectedOffset} bytes.
     * Reads at most {@code maxBytes}; a body longer than that fails with SIZE_INVALID and appends nothing.
     * A body that ends early (client disconnect) leaves the upload at its previous size.
     *
     * @return the upload's size after the append
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
