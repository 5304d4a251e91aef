package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static dev.wharf.storage.fs.StorageTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent publishers (and deleters) of one digest. */
class FilesystemUploadConcurrencyTest {
    @TempDir
    Path root;

    @Test
    void concurrentCommitsOfOneDigestAllSucceed() throws Exception {
        var store = new FilesystemBlobStore(root);
        byte[] content = bytes(400_000, 12);
        Digest digest = Digest.sha256(content);
        int threads = 8;
        for (int i = 0; i < threads; i++) {
            store.uploads().create("up-" + i);
            store.uploads().append("up-" + i, 0, in(content), Long.MAX_VALUE);
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String id = "up-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.uploads().commit(id, digest);
                }));
            }
            for (Future<Long> r : results) {
                assertThat(r.get()).isEqualTo(content.length);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(readAll(store, digest)).isEqualTo(content);
        List<Digest> listed = new ArrayList<>();
        store.forEach(b -> listed.add(b.digest()));
        assertThat(listed).containsExactly(digest);
        assertThat(uploadDirs(root)).isEmpty();
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    /** Deleting a digest's last blob removes its fan-out directory; a commit racing that must retry, not fail. */
    @Test
    void commitsRacingDeletesOfTheirFanOutDirectoryStillPublish() throws Exception {
        var store = new FilesystemBlobStore(root);
        byte[] content = bytes(10, 13);
        Digest digest = Digest.sha256(content);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean done = new AtomicBoolean();
        try {
            List<Future<?>> deleters = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                deleters.add(pool.submit(() -> {
                    while (!done.get()) {
                        store.delete(digest);
                    }
                    return null;
                }));
            }
            Future<?> committer = pool.submit(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        store.uploads().create("c-" + i);
                        store.uploads().append("c-" + i, 0, in(content), Long.MAX_VALUE);
                        assertThat(store.uploads().commit("c-" + i, digest)).isEqualTo(content.length);
                    }
                } finally {
                    done.set(true);
                }
                return null;
            });
            committer.get();
            for (Future<?> d : deleters) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(uploadDirs(root)).isEmpty();
    }

    @Test
    void committingAnExistingBlobKeepsOneCopyAndRefreshesItsTime() throws IOException {
        var store = new FilesystemBlobStore(root);
        byte[] content = bytes(2000, 14);
        Digest digest = Digest.sha256(content);
        store.uploads().create("first");
        store.uploads().append("first", 0, in(content), Long.MAX_VALUE);
        store.uploads().commit("first", digest);
        Path blob = store.localFile(digest).orElseThrow();
        Instant old = Instant.now().minus(Duration.ofDays(3));
        Files.setLastModifiedTime(blob, FileTime.from(old));

        store.uploads().create("second");
        store.uploads().append("second", 0, in(content), Long.MAX_VALUE);
        assertThat(store.uploads().commit("second", digest)).isEqualTo(2000);

        assertThat(Files.getLastModifiedTime(blob).toInstant()).isAfter(old.plus(Duration.ofDays(1)));
        assertThat(uploadDirs(root)).isEmpty();
        assertThat(readAll(store, digest)).isEqualTo(content);
    }
}
