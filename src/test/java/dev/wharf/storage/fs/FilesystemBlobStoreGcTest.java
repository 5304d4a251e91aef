package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.storage.StorageFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage collection's delete: only bytes last published before the cutoff go; a crash mid-delete loses nothing. */
class FilesystemBlobStoreGcTest {
    @TempDir
    Path root;

    private Digest store(FilesystemBlobStore s, String text, Instant modified) throws Exception {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(content);
        Path p = s.blobPath(d);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return d;
    }

    @Test
    void deleteIfOlder_deletesOnlyBytesPublishedBeforeTheCutoff() throws Exception {
        FilesystemBlobStore s = new FilesystemBlobStore(root);
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        Digest old = store(s, "old", cutoff.minusSeconds(60));
        Digest fresh = store(s, "fresh", cutoff.plusSeconds(60));

        assertThat(s.deleteIfOlder(old, cutoff)).isTrue();
        assertThat(s.deleteIfOlder(fresh, cutoff)).isFalse();
        assertThat(s.deleteIfOlder(Digest.sha256(new byte[]{1}), cutoff)).isFalse();

        assertThat(s.size(old)).isEmpty();
        assertThat(StorageFixtures.readAll(s, fresh)).isEqualTo("fresh".getBytes(StandardCharsets.UTF_8));
        try (var left = Files.list(root.resolve("gc-aside"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void blobLeftAsideByACrash_isPutBackAtStart_unlessPublishedAgain() throws Exception {
        FilesystemBlobStore s = new FilesystemBlobStore(root);
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        Digest da = Digest.sha256(a);
        Digest db = store(s, "b", Instant.now());
        Files.createDirectories(root.resolve("gc-aside"));
        Files.write(root.resolve("gc-aside/sha256-" + da.hex() + "-1"), a);
        Files.write(root.resolve("gc-aside/sha256-" + db.hex() + "-2"), b);
        Files.write(root.resolve("gc-aside/not-a-blob"), a);

        FilesystemBlobStore restarted = new FilesystemBlobStore(root);

        assertThat(StorageFixtures.readAll(restarted, da)).isEqualTo(a);
        assertThat(StorageFixtures.readAll(restarted, db)).isEqualTo(b);
        try (var left = Files.list(root.resolve("gc-aside"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("not-a-blob");
        }
    }
}
