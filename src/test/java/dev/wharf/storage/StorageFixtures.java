package dev.wharf.storage;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Content, bodies and reads shared by the storage contracts and their implementations' own tests. */
public final class StorageFixtures {
    private StorageFixtures() {
    }

    public static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static InputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    public static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    /** Stages {@code content} under a fresh upload id and commits it; returns its digest. */
    public static Digest put(BlobStore store, DigestAlgorithm algorithm, byte[] content) throws IOException {
        Digest digest = Digest.of(algorithm, content);
        String id = "put-" + digest.hex().substring(0, 16) + "-" + Long.toHexString(System.nanoTime());
        store.uploads().create(id);
        store.uploads().append(id, 0, in(content), Long.MAX_VALUE);
        store.uploads().commit(id, digest);
        return digest;
    }

    public static byte[] readAll(BlobStore store, Digest digest) throws IOException {
        try (SeekableByteChannel ch = store.open(digest)) {
            ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            return buf.array();
        }
    }

    public static List<BlobStore.StoredBlob> listed(BlobStore store) throws IOException {
        List<BlobStore.StoredBlob> out = new ArrayList<>();
        store.forEach(out::add);
        return out;
    }

    public static ErrorCode codeOf(Throwable t) {
        return ((OciException) t).code();
    }

    /** Yields {@code good} bytes in small reads, then fails like a dropped connection. */
    public static InputStream failingAfter(byte[] good) {
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
