package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Shared helpers for the filesystem storage tests. */
final class StorageTestSupport {
    private StorageTestSupport() {
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static InputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    static byte[] readAll(FilesystemBlobStore store, Digest digest) throws IOException {
        try (SeekableByteChannel ch = store.open(digest)) {
            ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            return buf.array();
        }
    }

    static ErrorCode codeOf(Throwable t) {
        return ((OciException) t).code();
    }

    static FilesystemUploadStaging staging(FilesystemBlobStore store) {
        return (FilesystemUploadStaging) store.uploads();
    }

    static List<Path> uploadDirs(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("uploads"))) {
            return s.toList();
        }
    }

    /** Yields {@code good} bytes in small reads, then fails like a dropped connection. */
    static InputStream failingAfter(byte[] good) {
        return new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == good.length) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(Math.min(len, 777), good.length - pos);
                System.arraycopy(good, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
