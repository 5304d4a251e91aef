package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.testing.ForkedRegistry;
import dev.wharf.testing.RegistryClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} at many points of a collection of more than a thousand unreferenced blobs: after every restart each
 * blob answers {@code HEAD} and {@code GET} alike, 404 to both or 200 to both with the right bytes, so clients that
 * skip layers a {@code HEAD} finds never push an image that cannot be pulled.
 *
 * <p>A kill inside a page's transaction rolls it back, so the store keeps its blobs and the next kill point reuses it;
 * every fifth kill point lands past the first page's commit, and the store is topped up again. The kill points are
 * counts of blob files gone from {@code blobs/} since the run started, spread over a page of 500.
 *
 * <p>{@link GcCrashTest} missed the lost bytes: it kills once, as soon as the first manifest is deleted (before the
 * blob phase), and looks only after a complete second run, which deletes unreferenced records whose bytes are gone.
 */
@Tag("slow")
class GcKillPointsTest {
    /** Zero grace period; C1 only and a serial collector: the forked server starts once per kill point. */
    private static final List<String> SERVER = List.of("-Dwharf.test.gc=0s,2s,50ms", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final String REPO = "crash/junk";
    private static final int KILL_POINTS = 21;
    private static final int MIN_GARBAGE = 1_000;

    @Test
    void kill9AtManyPointsOfACollection_neverLeavesABlobThatHeadsButCannotBeRead(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        Path log = dir.resolve("wharf.log");
        List<Digest> garbage = new ArrayList<>(); // every garbage blob pushed, collected or not
        Set<Digest> present = new HashSet<>(); // those not yet seen answering 404 (a collected blob never returns)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ForkedRegistry server = ForkedRegistry.start(root, log, SERVER);
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null)) {
            // the test's own view of runs: a run that stopped heartbeating (its server was killed) is stale at once
            GcService gc = GcFixtures.offline(new WharfConfig.Gc(Duration.ZERO, Duration.ofMillis(1),
                    Duration.ofSeconds(1), true), root, meta);
            List<Image> kept = List.of(image(server.client(), "crash/app", "v1", "kept", bytes("kept layer")));
            int seeded = 0;
            for (int point = 0; point < KILL_POINTS; point++) {
                RegistryClient c = server.client();
                int pushedBefore = garbage.size();
                seeded = topUp(c, pool, garbage, seeded, storedFiles(root) - 2); // all but the kept image's
                present.addAll(garbage.subList(pushedBefore, garbage.size()));
                int before = storedFiles(root);
                int target = point % 5 == 4 ? 500 + (point * 37) % 300 : 1 + (point * 97) % 480;
                Thread.sleep(5); // blobs pushed in this millisecond are not older than a zero grace period yet
                startRun(gc);
                awaitGone(root, before, target);
                server.kill();

                server = ForkedRegistry.start(root, log, SERVER);
                assertConsistent(server.client(), pool, present, "kill point " + point + " (" + target + " gone)");
                for (Image i : kept) {
                    for (Digest d : i.blobs()) {
                        assertThat(server.client().get("/v2/crash/app/blobs/" + d).statusCode()).isEqualTo(200);
                    }
                }
            }
        } finally {
            server.close();
            pool.shutdownNow();
        }
    }

    /** Pushes 1 KiB unreferenced blobs until at least {@link #MIN_GARBAGE} are stored; returns the next seed. */
    private static int topUp(RegistryClient c, ExecutorService pool, List<Digest> garbage, int seed, int present)
            throws Exception {
        List<Future<Digest>> pushes = new ArrayList<>();
        for (int i = present; i < MIN_GARBAGE; i++) {
            byte[] blob = new byte[1024];
            byte[] id = ("garbage " + seed++).getBytes();
            System.arraycopy(id, 0, blob, 0, id.length);
            pushes.add(pool.submit(() -> c.pushBlob(REPO, blob)));
        }
        for (Future<Digest> f : pushes) {
            garbage.add(f.get(60, TimeUnit.SECONDS));
        }
        return seed;
    }

    /** The run the killed server held is stale at once for this test's view, so this succeeds after a few tries. */
    private static void startRun(GcService gc) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                gc.start(null, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);
                return;
            } catch (IllegalStateException stillActive) {
                assertThat(attempt).as("a new run can start").isLessThan(600);
                Thread.sleep(50);
            }
        }
    }

    /** Waits (bounded) until {@code target} blob files are gone, or the run took all it could. */
    private static void awaitGone(Path root, int before, int target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int gone = 0;
        while (gone < target && gone < before - 2) {
            assertThat(System.nanoTime()).as("the collection reaches %d files gone (%d so far)", target, gone)
                    .isLessThan(deadline);
            Thread.sleep(1);
            gone = before - storedFiles(root);
        }
    }

    /** Blob files under {@code blobs/sha256/}, counted while the collector moves them (vanishing entries skipped). */
    private static int storedFiles(Path root) throws Exception {
        int n = 0;
        try (DirectoryStream<Path> fanOut = Files.newDirectoryStream(root.resolve("blobs/sha256"))) {
            for (Path dir : fanOut) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path ignored : files) {
                        n++;
                    }
                } catch (NoSuchFileException emptiedAndRemoved) {
                    // its last blob went
                }
            }
        }
        return n;
    }

    /** Every blob answers HEAD and GET alike: 404 to both, or 200 to both with its own bytes; 404s leave the set. */
    private static void assertConsistent(RegistryClient c, ExecutorService pool, Set<Digest> blobs, String when)
            throws Exception {
        ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
        Set<Digest> gone = ConcurrentHashMap.newKeySet();
        List<Future<?>> checks = new ArrayList<>();
        for (Digest d : blobs) {
            checks.add(pool.submit(() -> {
                String path = "/v2/" + REPO + "/blobs/" + d;
                int head = c.head(path).statusCode();
                var get = c.get(path);
                boolean ok = head == 404 && get.statusCode() == 404
                        || head == 200 && get.statusCode() == 200 && Digest.sha256(get.body()).equals(d);
                if (!ok) {
                    broken.add(d + " HEAD " + head + " GET " + get.statusCode());
                } else if (head == 404) {
                    gone.add(d);
                }
            }));
        }
        for (Future<?> f : checks) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(broken).as("after %s: %d blobs answer HEAD and GET differently", when, broken.size())
                .isEmpty();
        blobs.removeAll(gone);
    }
}
