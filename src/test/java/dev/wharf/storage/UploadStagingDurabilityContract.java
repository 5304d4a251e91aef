package dev.wharf.storage;

import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The durable-offset contract of {@link UploadStaging} (see its javadoc), for every implementation: what
 * {@code append} returns is what every other instance on the same storage sees, chunks of any size are accepted
 * (an object store must buffer below its part size without losing them), a failed append acknowledges nothing,
 * and the commit checks the staged bytes whichever instance appended them. An implementation's test extends this
 * and says how to open an instance on the shared storage.
 */
public abstract class UploadStagingDurabilityContract {
    @TempDir
    protected Path root;
    private final List<BlobStore> opened = new ArrayList<>();

    /** A new instance (another node, or this one after a restart) on the storage under {@code root}. */
    protected abstract BlobStore openInstance(Path root) throws IOException;

    private BlobStore instance() throws IOException {
        BlobStore store = openInstance(root);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeInstances() throws IOException {
        for (BlobStore s : opened) {
            s.close();
        }
    }

    @Test
    void appendReturnsTheDurableOffset_everyInstanceSeesIt_andContinuesFromIt() throws IOException {
        byte[] content = random(200_000, 1);
        BlobStore nodeA = instance();
        BlobStore nodeB = instance();
        nodeA.uploads().create("u1");

        long offset = nodeA.uploads().append("u1", 0, in(content, 0, 70_000), Long.MAX_VALUE);
        assertThat(offset).isEqualTo(70_000);
        assertThat(nodeB.uploads().size("u1")).isEqualTo(offset);
        offset = nodeB.uploads().append("u1", offset, in(content, 70_000, 200_000), Long.MAX_VALUE);
        assertThat(offset).isEqualTo(200_000);
        assertThat(instance().uploads().size("u1")).isEqualTo(offset);

        assertThat(nodeA.uploads().commit("u1", Digest.sha256(content))).isEqualTo(content.length);
        assertThat(read(nodeB, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void chunksOfAnySize_downToOneByte_makeTheBlob() throws IOException {
        int[] sizes = {1, 1, 7, 4096, 65_539, 1, 300_000, 2};
        byte[] content = random(Arrays.stream(sizes).sum(), 2);
        BlobStore store = instance();
        store.uploads().create("u1");
        long offset = 0;
        for (int size : sizes) {
            long next = store.uploads().append("u1", offset, in(content, (int) offset, (int) offset + size),
                    Long.MAX_VALUE);
            assertThat(next).isEqualTo(offset + size);
            offset = next;
        }

        assertThat(store.uploads().commit("u1", Digest.sha256(content))).isEqualTo(content.length);
        assertThat(read(store, Digest.sha256(content))).isEqualTo(content);
    }

    @Test
    void failedAppend_acknowledgesNothing_andTheUploadGoesOnFromItsDurableOffset() throws IOException {
        byte[] content = random(90_000, 3);
        BlobStore store = instance();
        store.uploads().create("u1");
        store.uploads().append("u1", 0, in(content, 0, 30_000), Long.MAX_VALUE);

        assertThatThrownBy(() -> store.uploads().append("u1", 30_000, dropsAfter(content, 30_000, 50_000),
                Long.MAX_VALUE)).isInstanceOf(IOException.class);
        assertThat(store.uploads().size("u1")).isEqualTo(30_000);
        assertThat(instance().uploads().size("u1")).isEqualTo(30_000);
        assertThatThrownBy(() -> store.uploads().append("u1", 30_000, in(content, 30_000, 90_000), 59_999))
                .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID));
        assertThat(store.uploads().size("u1")).isEqualTo(30_000);

        store.uploads().append("u1", 30_000, in(content, 30_000, 90_000), Long.MAX_VALUE);
        assertThat(store.uploads().commit("u1", Digest.sha256(content))).isEqualTo(content.length);
    }

    @Test
    void appendAtAnotherOffset_isRangeInvalid_andChangesNothing() throws IOException {
        BlobStore store = instance();
        store.uploads().create("u1");
        store.uploads().append("u1", 0, in(random(10, 4), 0, 10), Long.MAX_VALUE);

        for (long wrong : new long[]{0, 9, 11}) {
            assertThatThrownBy(() -> store.uploads().append("u1", wrong, in(random(5, 5), 0, 5), Long.MAX_VALUE))
                    .isInstanceOfSatisfying(OciException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_INVALID));
        }
        assertThat(store.uploads().size("u1")).isEqualTo(10);
    }

    @Test
    void finalAppendThenCommit_publishesEveryByte() throws IOException {
        byte[] content = random(120_001, 6);
        BlobStore store = instance();
        store.uploads().create("u1");
        store.uploads().append("u1", 0, in(content, 0, 100_000), Long.MAX_VALUE);
        assertThat(store.uploads().appendFinal("u1", 100_000, in(content, 100_000, content.length), Long.MAX_VALUE))
                .isEqualTo(content.length);

        assertThat(store.uploads().commit("u1", Digest.sha256(content))).isEqualTo(content.length);
        assertThat(read(instance(), Digest.sha256(content))).isEqualTo(content);
        assertThat(store.uploads().size("u1")).isEqualTo(-1);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static InputStream in(byte[] b, int from, int to) {
        return new ByteArrayInputStream(b, from, to - from);
    }

    /** Yields {@code b[from..to)}, then fails like a dropped connection. */
    private static InputStream dropsAfter(byte[] b, int from, int to) {
        InputStream good = in(b, from, to);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int c = good.read();
                if (c < 0) {
                    throw new IOException("connection reset");
                }
                return c;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = good.read(buf, off, Math.min(len, 1000));
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
    }

    private static byte[] read(BlobStore store, Digest digest) throws IOException {
        try (SeekableByteChannel ch = store.open(digest); InputStream in = Channels.newInputStream(ch)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
