package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.storage.UploadStaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Staged uploads of a {@link FilesystemBlobStore}, one directory per upload id (layout in that class).
 *
 * <p>Appends stream through one pooled buffer pair per request, so memory does not grow with body size or with
 * the number of uploads. Each append is fsync'd before it is acknowledged (design invariant 3) and undone by
 * truncation when it fails part-way, so an upload's size is always a prefix the client was told about. Creating an
 * upload fsyncs nothing: no bytes are acknowledged yet, and the first append that acknowledges some makes the
 * upload's directory entries durable with them. The last append before a commit leaves its fsync to the commit,
 * so a blob pushed with POST then PUT costs two fsyncs (the data, then its directory after the rename). The running
 * SHA-256 is kept in memory ({@link HashStates}) so committing a sha256 digest does not read the file again; when
 * that state is missing or stale (restart, eviction, another node appended, sha512) commit re-hashes the file.
 */
public final class FilesystemUploadStaging implements UploadStaging {
    private static final Logger log = LoggerFactory.getLogger(FilesystemUploadStaging.class);
    /** Ids come from the registry service (UUIDs); anything else could name a path outside this directory. */
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String DATA = "data";

    private final FilesystemBlobStore store;
    private final Path directory;
    private final HashStates hashes;
    private final BufferPool buffers;
    private final DiskSpace space;
    private final AtomicLong rehashes = new AtomicLong();

    FilesystemUploadStaging(FilesystemBlobStore store, Path directory, HashStates hashes, BufferPool buffers,
                            DiskSpace space) {
        this.store = store;
        this.directory = directory;
        this.hashes = hashes;
        this.buffers = buffers;
        this.space = space;
    }

    /** A few thousand in-flight hashes of ~200 bytes each; an upload idle for half an hour is re-hashed. */
    static HashStates defaultHashStates() {
        return new HashStates(4096, TimeUnit.MINUTES.toNanos(30), System::nanoTime);
    }

    /** 256 KiB keeps syscalls few; 32 idle pairs (16 MiB) cover typical concurrency without hoarding memory. */
    static BufferPool defaultBuffers() {
        return new BufferPool(256 * 1024, 32);
    }

    Path directory() {
        return directory;
    }

    /** How many commits had to read the staged file again to hash it (for tests). */
    long rehashes() {
        return rehashes.get();
    }

    /**
     * Creates the upload; fails with {@link java.nio.file.FileAlreadyExistsException} when the id is taken. Not
     * fsync'd: an empty upload lost to a power failure only makes the client's next request fail with
     * BLOB_UPLOAD_UNKNOWN (it then starts again); a process crash loses nothing.
     */
    @Override
    public void create(String uploadId) throws IOException {
        Path dir = uploadDir(uploadId);
        try {
            Files.createDirectories(directory);
            Files.createDirectory(dir);
            Files.createFile(dir.resolve(DATA));
        } catch (IOException e) {
            space.throwIfFull(e);
            throw e;
        }
        hashes.remove(uploadId);
    }

    @Override
    public long append(String uploadId, long expectedOffset, InputStream body, long maxBytes) throws IOException {
        return append(uploadId, expectedOffset, body, maxBytes, true);
    }

    @Override
    public long appendFinal(String uploadId, long expectedOffset, InputStream body, long maxBytes) throws IOException {
        return append(uploadId, expectedOffset, body, maxBytes, false);
    }

    private long append(String uploadId, long expectedOffset, InputStream body, long maxBytes, boolean durable)
            throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be non-negative");
        }
        Path data = uploadDir(uploadId).resolve(DATA);
        FileChannel channel;
        try {
            channel = FileChannel.open(data, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw unknown(uploadId);
        }
        try (channel) {
            long start = channel.size();
            if (expectedOffset != start) {
                throw ErrorCode.RANGE_INVALID.exception(
                        "upload is at offset " + start + ", not " + expectedOffset, Map.of("size", start));
            }
            MessageDigest running = runningHash(uploadId, start);
            long end;
            try {
                end = stream(channel, start, body, maxBytes, running);
                if (durable && end > start) {
                    channel.force(true);
                    if (start == 0) { // the first acknowledged bytes: their file must survive too (see create)
                        FilesystemBlobStore.fsyncDirectory(data.getParent());
                        FilesystemBlobStore.fsyncDirectory(directory);
                    }
                }
            } catch (Throwable failure) {
                rollback(data, start, failure);
                if (failure instanceof IOException io) {
                    space.throwIfFull(io); // STORAGE_FULL once the partial write is undone
                }
                throw failure;
            }
            if (end > start) {
                space.wrote();
            }
            if (running != null) {
                hashes.put(uploadId, running, end);
            }
            return end;
        }
    }

    /** A private hash covering exactly {@code size} bytes of the upload, or null when none can be had cheaply. */
    private MessageDigest runningHash(String uploadId, long size) {
        HashStates.State known = hashes.copy(uploadId);
        if (known != null && known.size() == size) {
            return known.digest();
        }
        if (known != null) {
            hashes.remove(uploadId); // the file changed behind our back (another node): stop trusting it
        }
        return size == 0 ? DigestAlgorithm.SHA256.newMessageDigest() : null;
    }

    /** Copies at most {@code maxBytes} of {@code body} to {@code channel} from {@code position}; returns the end. */
    private long stream(FileChannel channel, long position, InputStream body, long maxBytes, MessageDigest md)
            throws IOException {
        BufferPool.Buf buf = buffers.acquire();
        try {
            byte[] array = buf.array();
            ByteBuffer direct = buf.direct();
            long remaining = maxBytes;
            while (true) {
                int want = (int) Math.min(array.length, remaining);
                if (want == 0) {
                    if (body.read() != -1) {
                        throw ErrorCode.SIZE_INVALID.exception("upload chunk too large", Map.of("limit", maxBytes));
                    }
                    return position;
                }
                int n = body.readNBytes(array, 0, want);
                if (n > 0) {
                    if (md != null) {
                        md.update(array, 0, n);
                    }
                    direct.clear();
                    direct.put(array, 0, n).flip();
                    while (direct.hasRemaining()) {
                        position += channel.write(direct, position);
                    }
                    remaining -= n;
                }
                if (n < want) {
                    return position;
                }
            }
        } finally {
            buffers.release(buf);
        }
    }

    /** Cuts the file back to {@code size}; not interruptible, so it also works after a ClosedByInterrupt. */
    private static void rollback(Path data, long size, Throwable cause) {
        try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
            file.setLength(size);
        } catch (IOException e) {
            log.warn("could not truncate failed upload {} back to {} bytes", data, size, e);
            cause.addSuppressed(e);
        }
    }

    @Override
    public long size(String uploadId) throws IOException {
        if (!isValidId(uploadId)) {
            return -1;
        }
        try {
            return Files.size(directory.resolve(uploadId).resolve(DATA));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public long commit(String uploadId, Digest expected) throws IOException {
        Path dir = uploadDir(uploadId);
        Path data = dir.resolve(DATA);
        HashStates.State known = hashes.copy(uploadId);
        hashes.remove(uploadId);
        FileChannel channel;
        try {
            channel = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw unknown(uploadId);
        }
        long size;
        Digest actual;
        try (channel) {
            size = channel.size();
            if (expected.algorithm() == DigestAlgorithm.SHA256 && known != null && known.size() == size) {
                actual = Digest.finish(DigestAlgorithm.SHA256, known.digest());
            } else {
                actual = rehash(channel, expected.algorithm());
            }
            if (actual.equals(expected)) {
                // GC's grace period for a new blob counts from its commit, not from its last chunk
                Files.setLastModifiedTime(data, FileTime.from(Instant.now()));
                channel.force(true);
            }
        }
        if (!actual.equals(expected)) {
            deleteUpload(dir);
            throw ErrorCode.DIGEST_INVALID.exception("provided digest did not match uploaded content",
                    Map.of("expected", expected.toString(), "actual", actual.toString()));
        }
        store.publish(data, expected);
        deleteUpload(dir);
        return size;
    }

    private Digest rehash(FileChannel channel, DigestAlgorithm algorithm) throws IOException {
        rehashes.incrementAndGet();
        MessageDigest md = algorithm.newMessageDigest();
        BufferPool.Buf buf = buffers.acquire();
        try {
            byte[] array = buf.array();
            ByteBuffer direct = buf.direct();
            long position = 0;
            int n;
            while ((n = channel.read(direct.clear(), position)) >= 0) {
                direct.flip().get(array, 0, n);
                md.update(array, 0, n);
                position += n;
            }
            return Digest.finish(algorithm, md);
        } finally {
            buffers.release(buf);
        }
    }

    @Override
    public boolean cancel(String uploadId) throws IOException {
        if (!isValidId(uploadId)) {
            return false;
        }
        hashes.remove(uploadId);
        return deleteUpload(directory.resolve(uploadId));
    }

    /** Uploads whose data file (or, when it was never created, directory) was last modified before cutoff. */
    @Override
    public List<String> idleSince(Instant cutoff) throws IOException {
        List<String> idle = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path dir : entries) {
                String id = dir.getFileName().toString();
                if (!isValidId(id)) {
                    continue;
                }
                FileTime modified = lastModified(dir.resolve(DATA));
                if (modified == null) {
                    modified = lastModified(dir);
                }
                if (modified != null && modified.toInstant().isBefore(cutoff)) {
                    idle.add(id);
                }
            }
        }
        return idle;
    }

    private static FileTime lastModified(Path path) throws IOException {
        try {
            return Files.getLastModifiedTime(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Removes an upload's directory and what it holds (only files: we never create subdirectories). */
    private static boolean deleteUpload(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return Files.deleteIfExists(dir);
    }

    private static boolean isValidId(String uploadId) {
        return uploadId != null && UPLOAD_ID.matcher(uploadId).matches();
    }

    private Path uploadDir(String uploadId) {
        if (!isValidId(uploadId)) {
            throw ErrorCode.BLOB_UPLOAD_UNKNOWN.exception("blob upload unknown to registry");
        }
        return directory.resolve(uploadId);
    }

    private static OciException unknown(String uploadId) {
        return ErrorCode.BLOB_UPLOAD_UNKNOWN.exception("blob upload unknown to registry", uploadId);
    }
}
