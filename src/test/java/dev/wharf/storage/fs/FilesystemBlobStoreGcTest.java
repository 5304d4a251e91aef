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

/** Garbage collection's delete: only bytes last published before the cutoff go, and only once discarded; a crash
 * while they are set aside loses nothing. */
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
    void setAsideIfOlder_takesOnlyBytesPublishedBeforeTheCutoff_andDiscardRemovesThem() throws Exception {
        FilesystemBlobStore s = new FilesystemBlobStore(root);
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        Digest old = store(s, "old", cutoff.minusSeconds(60));
        Digest fresh = store(s, "fresh", cutoff.plusSeconds(60));

        var aside = s.setAsideIfOlder(old, cutoff);
        assertThat(aside).isPresent();
        assertThat(s.setAsideIfOlder(fresh, cutoff)).isEmpty();
        assertThat(s.setAsideIfOlder(Digest.sha256(new byte[]{1}), cutoff)).isEmpty();

        assertThat(s.size(old)).as("out of reach while set aside").isEmpty();
        assertThat(StorageFixtures.readAll(s, fresh)).isEqualTo("fresh".getBytes(StandardCharsets.UTF_8));
        aside.get().discard();
        assertThat(s.size(old)).isEmpty();
        try (var left = Files.list(root.resolve("gc-aside"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void restore_putsSetAsideBytesBack_butKeepsAPublishOfTheSameBlobMadeMeanwhile() throws Exception {
        FilesystemBlobStore s = new FilesystemBlobStore(root);
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        Digest a = store(s, "a", cutoff.minusSeconds(60));
        Digest b = store(s, "b", cutoff.minusSeconds(60));
        var asideA = s.setAsideIfOlder(a, cutoff).orElseThrow();
        var asideB = s.setAsideIfOlder(b, cutoff).orElseThrow();
        Instant republished = Instant.now();
        store(s, "b", republished);

        asideA.restore();
        asideB.restore();

        assertThat(StorageFixtures.readAll(s, a)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getLastModifiedTime(s.blobPath(b)).toInstant()).isEqualTo(
                FileTime.from(republished).toInstant());
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
