package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.storage.BlobStore.StoredBlob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilesystemBlobStoreTest {
    @TempDir
    Path root;

    private static Digest put(FilesystemBlobStore store, DigestAlgorithm algorithm, byte[] content)
            throws IOException {
        Digest digest = Digest.of(algorithm, content);
        String id = "put-" + digest.hex().substring(0, 16);
        store.uploads().create(id);
        store.uploads().append(id, 0, new ByteArrayInputStream(content), Long.MAX_VALUE);
        store.uploads().commit(id, digest);
        return digest;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createsItsLayoutAndPassesCheck() throws IOException {
        var store = new FilesystemBlobStore(root.resolve("data"));
        assertThat(root.resolve("data/blobs")).isDirectory();
        assertThat(root.resolve("data/uploads")).isDirectory();
        store.check();
        try (Stream<Path> left = Files.list(root.resolve("data"))) {
            assertThat(left).containsExactlyInAnyOrder(root.resolve("data/blobs"), root.resolve("data/uploads"));
        }
    }

    @Test
    void checkFailsWhenTheRootIsGone() throws IOException {
        var store = new FilesystemBlobStore(root.resolve("data"));
        try (Stream<Path> all = Files.walk(root.resolve("data"))) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThatThrownBy(store::check).isInstanceOf(IOException.class);
    }

    @Test
    void openReadsAtAnyPosition() throws IOException {
        var store = new FilesystemBlobStore(root);
        Digest digest = put(store, DigestAlgorithm.SHA256, utf8("hello, wharf"));
        assertThat(store.size(digest)).contains(12L);
        try (SeekableByteChannel ch = store.open(digest)) {
            ch.position(7);
            ByteBuffer buf = ByteBuffer.allocate(5);
            ch.read(buf);
            assertThat(new String(buf.array(), StandardCharsets.UTF_8)).isEqualTo("wharf");
        }
    }

    @Test
    void unknownBlobs() throws IOException {
        var store = new FilesystemBlobStore(root);
        Digest missing = Digest.sha256(utf8("missing"));
        assertThat(store.size(missing)).isEmpty();
        assertThat(store.localFile(missing)).isEmpty();
        assertThatThrownBy(() -> store.open(missing)).isInstanceOfSatisfying(OciException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNKNOWN);
            assertThat(e.status()).isEqualTo(404);
        });
        assertThat(store.delete(missing)).isFalse();
    }

    @Test
    void deleteRemovesTheBlobAndItsEmptyFanOutDirectory() throws IOException {
        var store = new FilesystemBlobStore(root);
        // two blobs sharing a fan-out directory, and one alone in its own
        Map<String, byte[]> byPrefix = new HashMap<>();
        byte[] first = null;
        byte[] second = null;
        for (int i = 0; second == null; i++) {
            byte[] content = utf8("blob " + i);
            byte[] earlier = byPrefix.putIfAbsent(Digest.sha256(content).hex().substring(0, 2), content);
            if (earlier != null) {
                first = earlier;
                second = content;
            }
        }
        Digest a = put(store, DigestAlgorithm.SHA256, first);
        Digest b = put(store, DigestAlgorithm.SHA256, second);
        Path fanOut = store.localFile(a).orElseThrow().getParent();

        assertThat(store.delete(a)).isTrue();
        assertThat(store.size(a)).isEmpty();
        assertThat(store.localFile(a)).isEmpty();
        assertThatThrownBy(() -> store.open(a)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNKNOWN));
        assertThat(fanOut).isDirectory();
        assertThat(store.size(b)).contains((long) second.length);

        assertThat(store.delete(b)).isTrue();
        assertThat(fanOut).doesNotExist();
        assertThat(store.delete(b)).isFalse();

        Digest again = put(store, DigestAlgorithm.SHA256, second); // fan-out directory is recreated
        assertThat(again).isEqualTo(b);
        assertThat(store.size(b)).contains((long) second.length);
    }

    @Test
    void forEachListsExactlyTheCommittedBlobsAndIgnoresStrays() throws IOException {
        var store = new FilesystemBlobStore(root);
        Digest a = put(store, DigestAlgorithm.SHA256, utf8("a"));
        Digest b = put(store, DigestAlgorithm.SHA256, utf8("bb"));
        Digest c = put(store, DigestAlgorithm.SHA512, utf8("ccc"));

        Path sha256 = root.resolve("blobs/sha256");
        String hexOfA = a.hex();
        Path fanOutA = sha256.resolve(hexOfA.substring(0, 2));
        Files.writeString(fanOutA.resolve("README"), "stray");
        Files.writeString(fanOutA.resolve(hexOfA.toUpperCase()), "upper case");
        Files.writeString(fanOutA.resolve(hexOfA.substring(0, 63)), "too short");
        String otherPrefix = hexOfA.startsWith("00") ? "11" : "00";
        Files.writeString(fanOutA.resolve(otherPrefix + hexOfA.substring(2)), "wrong fan-out");
        Files.createDirectories(sha256.resolve("zz"));
        Files.writeString(sha256.resolve("zz").resolve("zz" + hexOfA.substring(2)), "bad fan-out dir");
        Files.writeString(sha256.resolve("ab"), "a file where a directory belongs");
        Files.createDirectories(root.resolve("blobs/md5/aa"));
        Files.writeString(root.resolve("blobs/md5/aa/aa0123"), "unsupported algorithm");
        Files.writeString(root.resolve("blobs/stray.txt"), "stray");
        Files.createDirectories(root.resolve("uploads/pending"));
        Files.writeString(root.resolve("uploads/pending/data"), "not a blob yet");

        List<StoredBlob> listed = new ArrayList<>();
        store.forEach(listed::add);

        assertThat(listed).extracting(StoredBlob::digest).containsExactlyInAnyOrder(a, b, c);
        assertThat(listed).allSatisfy(blob -> {
            assertThat(blob.size()).isEqualTo(store.size(blob.digest()).orElseThrow());
            assertThat(blob.modified()).isEqualTo(Files.getLastModifiedTime(
                    store.localFile(blob.digest()).orElseThrow()).toInstant());
        });
    }

    @Test
    void forEachOnAnEmptyStore() throws IOException {
        List<StoredBlob> listed = new ArrayList<>();
        new FilesystemBlobStore(root).forEach(listed::add);
        assertThat(listed).isEmpty();
    }
}
