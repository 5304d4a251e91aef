package dev.wharf.storage;

import dev.wharf.oci.Digest;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Content-addressed blob storage: each digest is stored once, whatever number of repositories link it.
 * Which repository may see a blob is the metadata's business, not this seam's.
 *
 * <p>A blob becomes visible only through {@link UploadStaging#commit}: after its content is durable and its digest
 * verified (design invariant 1). Implementations are thread-safe.
 */
public interface BlobStore extends AutoCloseable {

    /** Size of a committed blob, or empty when it is not stored. */
    Optional<Long> size(Digest digest) throws IOException;

    /** Opens a committed blob for reading at any position; the caller closes it. */
    SeekableByteChannel open(Digest digest) throws IOException;

    /**
     * How to send a committed blob to a client ({@link BlobSource}): the filesystem answers with its file, a remote
     * store with a channel or a redirect. Costs no more than a {@link #size}: this is the pull's hot path.
     *
     * @throws dev.wharf.oci.OciException BLOB_UNKNOWN when the blob is not stored
     */
    BlobSource serve(Digest digest) throws IOException;

    /** The blob's local file, when {@link #serve} answers with one (for tests and tools); empty otherwise. */
    default Optional<Path> localFile(Digest digest) {
        try {
            BlobSource source = serve(digest);
            if (source instanceof BlobSource.Stream s) {
                s.channel().close();
            }
            return source instanceof BlobSource.LocalFile f ? Optional.of(f.path()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes a committed blob; returns false when it was not stored. */
    boolean delete(Digest digest) throws IOException;

    /**
     * Garbage collection's delete, first step: moves a committed blob out of reach if it was last written before
     * {@code cutoff}; a blob published again since (a concurrent upload of the same content) stays. Empty when the
     * blob was kept or not stored. The caller then deletes the blob's record and, once that has committed,
     * {@link SetAside#discard discards} the bytes, or else {@link SetAside#restore restores} them; bytes a crash
     * left set aside are put back when the store is opened again. So the bytes never go before their record does.
     */
    Optional<SetAside> setAsideIfOlder(Digest digest, Instant cutoff) throws IOException;

    /** A blob's bytes moved out of reach by {@link #setAsideIfOlder}, until its record's deletion is decided. */
    interface SetAside {
        Digest digest();

        /** The record's deletion committed: the bytes go for good. */
        void discard() throws IOException;

        /** The record stays: the bytes go back (unless the blob was published again meanwhile). */
        void restore() throws IOException;
    }

    /** Calls {@code sink} for every committed blob with its modification time, streaming (for GC). */
    void forEach(Consumer<StoredBlob> sink) throws IOException;

    /** Staged uploads belonging to this store. */
    UploadStaging uploads();

    /** Checks the storage is reachable, writable and not full (for /ready). */
    void check() throws IOException;

    /** Bytes new blobs may still use, or -1 when the store cannot tell (for the free-space gauge). */
    default long freeBytes() throws IOException {
        return -1;
    }

    @Override
    default void close() throws IOException {
    }

    record StoredBlob(Digest digest, long size, Instant modified) {
    }
}
