package dev.wharf.oci;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Uncompressed sizes from a blob's first and last bytes: exact when they say so, empty otherwise. */
class UncompressedSizeTest {

    static OptionalLong size(byte[] blob) {
        byte[] head = Arrays.copyOf(blob, Math.min(blob.length, UncompressedSize.HEAD));
        byte[] tail = Arrays.copyOfRange(blob, Math.max(0, blob.length - UncompressedSize.TAIL), blob.length);
        return UncompressedSize.of(blob.length, head, tail);
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    @Test
    void gzip_compressibleAndIncompressible_areExact() throws IOException {
        byte[] zeros = new byte[1_000_000];
        assertThat(size(gzip(zeros))).hasValue(zeros.length);
        byte[] random = new byte[300_000];
        new Random(7).nextBytes(random);
        assertThat(size(gzip(random))).hasValue(random.length);
        assertThat(size(gzip(new byte[0]))).hasValue(0);
    }

    @Test
    void gzip_withAFileNameInTheHeader_isExact() throws IOException {
        byte[] plain = gzip("hello hello hello".getBytes());
        byte[] named = new byte[plain.length + 6];
        System.arraycopy(plain, 0, named, 0, 10);
        named[3] = 0x08; // FNAME
        System.arraycopy("a.tar\0".getBytes(), 0, named, 10, 6);
        System.arraycopy(plain, 10, named, 16, plain.length - 10);
        assertThat(size(named)).hasValue(17);
    }

    @Test
    void gzip_severalMembersOrImpossibleTrailers_areUnknown() throws IOException {
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        byte[] random = new byte[50_000];
        new Random(3).nextBytes(random);
        two.writeBytes(gzip(random));
        two.writeBytes(gzip(new byte[10]));
        assertThat(size(two.toByteArray())).isEmpty();
        byte[] wrapped = gzip(new byte[100]);
        wrapped[wrapped.length - 1] = 0x7f; // ISIZE far beyond what the stream can hold
        assertThat(size(wrapped)).isEmpty();
        assertThat(size(new byte[]{0x1f, (byte) 0x8b, 8, 0})).isEmpty();
    }

    @Test
    void zstd_contentSizeInTheHeader_orUnknown() {
        byte[] frame = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x60, 0x10, 0x00, 1, 0, 0, 'x', 0, 0, 0, 0};
        // 2-byte content size field: 0x0010 + 256
        assertThat(UncompressedSize.of(frame.length, frame, new byte[0])).hasValue(272);
        byte[] noSize = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, 0x48, 1, 0, 0, 'x'};
        assertThat(UncompressedSize.of(noSize.length, noSize, new byte[0])).isEmpty();
        assertThat(UncompressedSize.of(1_000_000, frame, new byte[0])).as("longer than one such frame").isEmpty();
    }

    @Test
    void otherContent_isUnknown() {
        assertThat(size("{\"architecture\":\"amd64\"}".getBytes())).isEmpty();
        assertThat(size(new byte[0])).isEmpty();
    }
}
