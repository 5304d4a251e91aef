package dev.wharf.content;

import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.meta.UploadLocks;
import dev.wharf.meta.UploadSession;
import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.RepositoryName;
import dev.wharf.storage.fs.FilesystemBlobStore;
import dev.wharf.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes (two metadata stores, blob stores and upload services over one PostgreSQL schema and one shared blob
 * directory) cannot append to one upload at once: the second waits for the first's lock, then continues after its
 * bytes. A node that did not see the first chunks still completes the upload with the right digest.
 */
class SharedUploadLocksPostgresTest {
    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    private static TestPostgres postgres;

    @TempDir
    Path blobs;
    private String url;
    private final List<AutoCloseable> open = new ArrayList<>();
    /** One thread per node's request (the common pool may have a single worker on a small machine). */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.shared();
    }

    @AfterEach
    void closeNodes() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** One node: its own store instances and its own locks, from the database they share. */
    private UploadService node() throws IOException {
        JdbcMetadataStore meta = JdbcMetadataStore.open(url, TestPostgres.USER, null);
        FilesystemBlobStore store = new FilesystemBlobStore(blobs);
        UploadLocks locks = meta.newUploadLocks();
        open.add(meta);
        open.add(store);
        open.add(locks);
        return new UploadService(store, meta, Clock.systemUTC(), RegistryLimits.NONE, new StagedBytes(Long.MAX_VALUE),
                locks);
    }

    @Test
    void twoNodes_cannotAppendToOneUploadAtOnce() throws Exception {
        url = postgres.newSchemaUrl("locks");
        UploadService nodeA = node();
        UploadService nodeB = node();
        UploadSession session = nodeA.start(REPO);

        CountDownLatch aReading = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        AtomicBoolean aReturned = new AtomicBoolean();
        AtomicBoolean bReadWhileAWrote = new AtomicBoolean();
        CountDownLatch bReading = new CountDownLatch(1);

        InputStream bodyA = new GatedBody(bytes("AAAA"), () -> {
            aReading.countDown();
            await(releaseA);
        });
        CompletableFuture<UploadSession> a = CompletableFuture.supplyAsync(() -> {
            UploadSession s = nodeA.append(REPO, session.id(), null, -1, bodyA);
            aReturned.set(true);
            return s;
        }, threads);
        await(aReading); // node A holds the upload and is receiving its body

        InputStream bodyB = new GatedBody(bytes("BBBB"), () -> {
            bReadWhileAWrote.set(!aReturned.get());
            bReading.countDown();
        });
        CompletableFuture<UploadSession> b = CompletableFuture.supplyAsync(
                () -> nodeB.append(REPO, session.id(), null, -1, bodyB), threads);

        // Either B waits on the database lock (what must happen) or it gets to its body (what must not).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bReading.getCount() > 0 && !someoneWaitsOnAnAdvisoryLock()) {
            assertThat(System.nanoTime()).as("node B neither waited nor wrote").isLessThan(deadline);
            Thread.sleep(10);
        }
        releaseA.countDown();

        assertThat(a.get(30, TimeUnit.SECONDS).size()).isEqualTo(4);
        assertThat(b.get(30, TimeUnit.SECONDS).size()).isEqualTo(8);
        assertThat(bReadWhileAWrote).as("node B read its body while node A was writing the same upload").isFalse();

        byte[] all = bytes("AAAABBBB");
        Digest digest = Digest.of(DigestAlgorithm.SHA256, all);
        // node A's running hash covers only its own 4 bytes: it must see that and hash what is staged
        CommittedBlob blob = nodeA.complete(REPO, session.id(), digest, InputStream.nullInputStream(), 0);
        assertThat(blob).isEqualTo(new CommittedBlob(digest, all.length));
    }

    @Test
    void aNodeThatDies_holdingAnUpload_leavesItUnlocked() throws Exception {
        url = postgres.newSchemaUrl("locks");
        JdbcMetadataStore metaA = JdbcMetadataStore.open(url, TestPostgres.USER, null);
        JdbcMetadataStore metaB = JdbcMetadataStore.open(url, TestPostgres.USER, null);
        UploadLocks nodeA = metaA.newUploadLocks();
        UploadLocks nodeB = metaB.newUploadLocks();
        open.addAll(List.of(metaA, metaB, nodeA, nodeB));

        UploadLocks.Held heldByA = nodeA.hold("u1");
        CompletableFuture<UploadLocks.Held> b = CompletableFuture.supplyAsync(() -> nodeB.hold("u1"), threads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!someoneWaitsOnAnAdvisoryLock()) {
            assertThat(b).as("node B got the lock node A holds").isNotDone();
            assertThat(System.nanoTime()).as("node B never waited").isLessThan(deadline);
            Thread.sleep(10);
        }
        // node A's connection drops (the process died): PostgreSQL ends its transaction and the lock with it
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, null); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
        }

        b.get(30, TimeUnit.SECONDS).close();
        heldByA.close(); // releasing a lock whose connection is gone is harmless
    }

    private boolean someoneWaitsOnAnAdvisoryLock() throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch reached in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body that runs {@code beforeFirstByte} when first read, then yields its bytes. */
    private static final class GatedBody extends InputStream {
        private final ByteArrayInputStream content;
        private Runnable beforeFirstByte;

        GatedBody(byte[] content, Runnable beforeFirstByte) {
            this.content = new ByteArrayInputStream(content);
            this.beforeFirstByte = beforeFirstByte;
        }

        private void gate() {
            if (beforeFirstByte != null) {
                Runnable r = beforeFirstByte;
                beforeFirstByte = null;
                r.run();
            }
        }

        @Override
        public int read() {
            gate();
            return content.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            gate();
            return content.read(b, off, len);
        }
    }
}
