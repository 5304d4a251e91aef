package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.BlobStore.StoredBlob;
import dev.wharf.storage.BlobStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.wharf.storage.StorageFixtures.bytes;
import static dev.wharf.storage.StorageFixtures.listed;
import static dev.wharf.storage.StorageFixtures.put;
import static dev.wharf.storage.StorageFixtures.readAll;
import static dev.wharf.storage.fs.StorageTestSupport.uploadDirs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blob store contract on the filesystem, and its layout on disk: fan-out directories, strays, file times. */
class FilesystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore newStore() throws IOException {
        return new FilesystemBlobStore(root);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createsItsLayoutAndPassesCheck() throws IOException {
        var data = new FilesystemBlobStore(root.resolve("data"));
        assertThat(root.resolve("data/blobs")).isDirectory();
        assertThat(root.resolve("data/uploads")).isDirectory();
        data.check();
        try (Stream<Path> left = Files.list(root.resolve("data"))) {
            assertThat(left).containsExactlyInAnyOrder(root.resolve("data/blobs"), root.resolve("data/uploads"));
        }
    }

    @Test
    void checkFailsWhenTheRootIsGone() throws IOException {
        var data = new FilesystemBlobStore(root.resolve("data"));
        try (Stream<Path> all = Files.walk(root.resolve("data"))) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThatThrownBy(data::check).isInstanceOf(IOException.class);
    }

    @Test
    void blobsLiveUnderAlgorithmAndTwoHexFanOut() throws IOException {
        Digest sha256 = put(store, DigestAlgorithm.SHA256, utf8("a"));
        Digest sha512 = put(store, DigestAlgorithm.SHA512, utf8("b"));

        for (Digest d : List.of(sha256, sha512)) {
            assertThat(store.localFile(d)).hasValueSatisfying(p -> assertThat(p).isRegularFile().isEqualTo(
                    root.resolve("blobs").resolve(d.algorithm().prefix()).resolve(d.hex().substring(0, 2))
                            .resolve(d.hex())));
        }
    }

    @Test
    void deleteRemovesTheBlobsEmptyFanOutDirectory_andPublishingRecreatesIt() throws IOException {
        // two blobs sharing a fan-out directory
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
        assertThat(fanOut).isDirectory();
        assertThat(store.delete(b)).isTrue();
        assertThat(fanOut).doesNotExist();

        assertThat(put(store, DigestAlgorithm.SHA256, second)).isEqualTo(b);
        assertThat(store.size(b)).contains((long) second.length);
    }

    @Test
    void forEachIgnoresStrays_andReportsTheFilesTime() throws IOException {
        Digest a = put(store, DigestAlgorithm.SHA256, utf8("a"));
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

        List<StoredBlob> blobs = listed(store);

        assertThat(blobs).extracting(StoredBlob::digest).containsExactlyInAnyOrder(a, c);
        assertThat(blobs).allSatisfy(blob -> assertThat(blob.modified()).isEqualTo(Files.getLastModifiedTime(
                store.localFile(blob.digest()).orElseThrow()).toInstant()));
    }

    @Test
    void committingAnExistingBlob_keepsOneFile_andRefreshesItsTime() throws IOException {
        byte[] content = bytes(2000, 14);
        Digest digest = put(store, DigestAlgorithm.SHA256, content);
        Path blob = store.localFile(digest).orElseThrow();
        Instant old = Instant.now().minus(Duration.ofDays(3));
        Files.setLastModifiedTime(blob, FileTime.from(old));

        put(store, DigestAlgorithm.SHA256, content);

        assertThat(Files.getLastModifiedTime(blob).toInstant()).isAfter(old.plus(Duration.ofDays(1)));
        assertThat(uploadDirs(root)).isEmpty();
        assertThat(readAll(store, digest)).isEqualTo(content);
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }
}
