package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.storage.BlobSource;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.UploadStaging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Blob storage in a local (or mounted) directory. Uploads are staged under the same root as blobs so that
 * publishing a verified upload is a single atomic {@code rename(2)}: a reader sees either no blob or the complete,
 * fsync'd one (design invariant 1), whatever moment the process dies at.
 *
 * <pre>
 * &lt;root&gt;/
 * ├── blobs/
 * │   ├── sha256/
 * │   │   └── 9f/                  first two hex digits, so no directory grows past ~1/256 of the blobs
 * │   │       └── 9f86d081…        the blob itself, named by its full hex digest
 * │   └── sha512/
 * │       └── …
 * ├── gc-aside/                   blobs garbage collection is deleting (put back at start if a crash left one)
 * └── uploads/
 *     └── &lt;uploadId&gt;/              [A-Za-z0-9-]{1,64}
 *         └── data                 the bytes received so far; its mtime is the upload's last activity
 * </pre>
 *
 * Anything else found under {@code blobs/} (stray or foreign files) is ignored. Thread-safe.
 */
public final class FilesystemBlobStore implements BlobStore {
    private final Path root;
    private final Path blobs;
    private final Path aside;
    private final FilesystemUploadStaging uploads;
    private final DiskSpace space;

    /** Opens (creating when missing) a store rooted at {@code root}; it reports full only once a write finds it so. */
    public FilesystemBlobStore(Path root) throws IOException {
        this(root, 0);
    }

    /** As {@link #FilesystemBlobStore(Path)}; {@link #check} also fails while less than {@code minFreeBytes} are free. */
    public FilesystemBlobStore(Path root, long minFreeBytes) throws IOException {
        this(root, minFreeBytes, FilesystemUploadStaging.defaultHashStates(), FilesystemUploadStaging.defaultBuffers());
    }

    /** For tests: a store whose upload staging uses the given hash-state cache and buffer pool. */
    FilesystemBlobStore(Path root, HashStates hashStates, BufferPool buffers) throws IOException {
        this(root, 0, hashStates, buffers);
    }

    private FilesystemBlobStore(Path root, long minFreeBytes, HashStates hashStates, BufferPool buffers)
            throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.space = new DiskSpace(this.root, minFreeBytes, System::nanoTime);
        this.blobs = this.root.resolve("blobs");
        Files.createDirectories(blobs);
        this.aside = this.root.resolve("gc-aside"); // created by the first garbage collection delete
        Path uploadsDir = this.root.resolve("uploads");
        Files.createDirectories(uploadsDir);
        this.uploads = new FilesystemUploadStaging(this, uploadsDir, hashStates, buffers, space);
        if (Files.isDirectory(aside)) {
            restoreMovedAside();
        }
    }

    /**
     * A crash while garbage collection had a blob set aside ({@link #setAsideIfOlder}) leaves it in {@code gc-aside/}:
     * put it back when its name is free, else drop the duplicate. Whether the record's deletion had committed is not
     * known here; if it had, the bytes are an unknown file the next whole-instance collection removes.
     */
    private void restoreMovedAside() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(aside)) {
            for (Path file : files) {
                String[] name = file.getFileName().toString().split("-", 3); // <algorithm>-<hex>-<unique>
                Optional<DigestAlgorithm> algorithm = java.util.Arrays.stream(DigestAlgorithm.values())
                        .filter(a -> a.prefix().equals(name[0])).findFirst();
                if (name.length != 3 || algorithm.isEmpty() || !isLowerHex(name[1])
                        || name[1].length() != algorithm.get().hexLength()) {
                    continue;
                }
                putBack(file, blobPath(new Digest(algorithm.get(), name[1])));
            }
        }
    }

    public Path root() {
        return root;
    }

    /** Where the blob {@code digest} lives (whether or not it is stored). Safe: a Digest is validated hex. */
    Path blobPath(Digest digest) {
        return blobs.resolve(digest.algorithm().prefix()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    @Override
    public Optional<Long> size(Digest digest) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(blobPath(digest), BasicFileAttributes.class);
            return attrs.isRegularFile() ? Optional.of(attrs.size()) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public SeekableByteChannel open(Digest digest) throws IOException {
        try {
            return FileChannel.open(blobPath(digest), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw ErrorCode.BLOB_UNKNOWN.exception("blob unknown to registry", digest.toString());
        }
    }

    /** The blob's own file: one {@code stat}, as {@link #size}; the HTTP layer sends it with {@code pread}. */
    @Override
    public BlobSource serve(Digest digest) throws IOException {
        Path path = blobPath(digest);
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (attrs.isRegularFile()) {
                return new BlobSource.LocalFile(path, attrs.size());
            }
        } catch (NoSuchFileException e) {
            // not stored
        }
        throw ErrorCode.BLOB_UNKNOWN.exception("blob unknown to registry", digest.toString());
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        Path path = blobPath(digest);
        if (!Files.deleteIfExists(path)) {
            return false;
        }
        try {
            Files.delete(path.getParent()); // only succeeds when that was the last blob of its fan-out directory
        } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
            // still in use, or already gone
        }
        return true;
    }

    /**
     * Moves the blob into {@code gc-aside/} under a unique name (atomic rename on the same filesystem), then looks
     * at the moved file's mtime. A publish of the same digest that happens at any moment either lands before the
     * move (its fresh mtime is seen, and the file goes back) or after it (it creates a new file the move did not
     * touch). Readers holding the file open keep reading it. The file stays in {@code gc-aside/} until
     * {@link SetAside#discard} or {@link SetAside#restore}; after a crash, opening the store puts it back.
     */
    @Override
    public Optional<SetAside> setAsideIfOlder(Digest digest, Instant cutoff) throws IOException {
        Path path = blobPath(digest);
        Files.createDirectories(aside);
        Path moved = aside.resolve(digest.algorithm().prefix() + "-" + digest.hex() + "-" + java.util.UUID.randomUUID());
        try {
            Files.move(path, moved, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!Files.getLastModifiedTime(moved).toInstant().isBefore(cutoff)) {
            putBack(moved, path);
            return Optional.empty();
        }
        return Optional.of(new AsideFile(digest, moved, path));
    }

    /** Puts set-aside bytes back at their name, or drops them when the blob was published there again meanwhile. */
    private void putBack(Path moved, Path path) throws IOException {
        if (Files.exists(path)) {
            Files.delete(moved); // identical bytes, and the newer mtime is the one to keep
            return;
        }
        ensureDirectory(path.getParent());
        Files.move(moved, path, StandardCopyOption.ATOMIC_MOVE);
    }

    private final class AsideFile implements SetAside {
        private final Digest digest;
        private final Path moved;
        private final Path path;

        AsideFile(Digest digest, Path moved, Path path) {
            this.digest = digest;
            this.moved = moved;
            this.path = path;
        }

        @Override
        public Digest digest() {
            return digest;
        }

        @Override
        public void discard() throws IOException {
            Files.deleteIfExists(moved);
            try {
                Files.delete(path.getParent()); // only succeeds when that was the last blob of its fan-out directory
            } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
                // still in use, or already gone
            }
        }

        @Override
        public void restore() throws IOException {
            if (Files.exists(moved)) {
                putBack(moved, path);
            }
        }
    }

    @Override
    public void forEach(Consumer<StoredBlob> sink) throws IOException {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            Path algorithmDir = blobs.resolve(algorithm.prefix());
            if (!Files.isDirectory(algorithmDir)) {
                continue;
            }
            try (DirectoryStream<Path> fanOut = Files.newDirectoryStream(algorithmDir)) {
                for (Path prefixDir : fanOut) {
                    String prefix = prefixDir.getFileName().toString();
                    if (prefix.length() == 2 && isLowerHex(prefix)) {
                        forEachIn(algorithm, prefix, prefixDir, sink);
                    }
                }
            }
        }
    }

    private static void forEachIn(DigestAlgorithm algorithm, String prefix, Path dir, Consumer<StoredBlob> sink)
            throws IOException {
        DirectoryStream<Path> files;
        try {
            files = Files.newDirectoryStream(dir);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return; // removed by a concurrent delete, or a stray file with a two-character name
        }
        try (files) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.length() != algorithm.hexLength() || !name.startsWith(prefix) || !isLowerHex(name)) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue; // deleted while we were listing
                }
                if (attrs.isRegularFile()) {
                    sink.accept(new StoredBlob(new Digest(algorithm, name), attrs.size(),
                            attrs.lastModifiedTime().toInstant()));
                }
            }
        }
    }

    @Override
    public UploadStaging uploads() {
        return uploads;
    }

    @Override
    public long freeBytes() throws IOException {
        return space.freeBytes();
    }

    /** Also fails while the disk is full (or was, recently) or has less free space than the configured minimum. */
    @Override
    public void check() throws IOException {
        for (Path dir : new Path[]{root, blobs, uploads.directory()}) {
            if (!Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null, "storage directory missing");
            }
        }
        space.check();
        try {
            Path probe = Files.createTempFile(root, ".wharf-check-", ".tmp");
            try {
                Files.write(probe, new byte[]{1});
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            if (DiskSpace.isFull(e)) {
                throw new IOException("storage is full: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Publishes the verified, fsync'd file {@code staged} as blob {@code digest} by an atomic rename, replacing an
     * existing copy of the blob if there is one. Replacing (rather than discarding the staged copy when the blob
     * exists) means no concurrent {@link #delete} can slip between "it exists" and "discard ours": once this
     * returns the blob is there, with a fresh mtime so garbage collection's grace period counts from this upload.
     * The bytes are identical either way, and readers holding the old file keep reading it.
     */
    void publish(Path staged, Digest digest) throws IOException {
        try {
            move(staged, digest);
        } catch (IOException e) {
            space.throwIfFull(e); // a new fan-out directory needs a block
            throw e;
        }
    }

    private void move(Path staged, Digest digest) throws IOException {
        Path target = blobPath(digest);
        for (int attempt = 0; ; attempt++) {
            ensureDirectory(target.getParent());
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // a platform whose rename does not replace: the existing blob has the same bytes
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                Files.deleteIfExists(staged);
                return;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("uploads and blobs must be on one filesystem under " + root, e);
            } catch (NoSuchFileException e) {
                // a concurrent delete() removed the now-empty fan-out directory between ensure and move
                if (attempt >= 20 || !Files.exists(staged)) {
                    throw e;
                }
                continue;
            }
            try {
                fsyncDirectory(target.getParent());
            } catch (NoSuchFileException deletedSince) {
                // published, then deleted (blob and directory) by a later delete(): nothing left to make durable
            }
            return;
        }
    }

    /** Creates {@code dir} and any missing parents, fsyncing each parent so the new entries survive a crash. */
    private void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir) || dir.equals(blobs)) {
            return;
        }
        ensureDirectory(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return;
            }
            throw e;
        }
        fsyncDirectory(dir.getParent());
    }

    /** Makes the entries of {@code dir} (a rename, a new file) durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
