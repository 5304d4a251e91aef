package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Run;
import dev.wharf.gc.GcControl.Status;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.testing.ForkedRegistry;
import dev.wharf.testing.RegistryClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a server in the middle of a collection: after a restart the registry is consistent, the
 * interrupted run is marked failed once its lease expires, and the next run finishes the work.
 */
@Tag("slow")
class GcCrashTest {
    private static final List<String> GC_TIMINGS = List.of("-Dwharf.test.gc=0s,2s,100ms");

    @Test
    void kill9DuringCollection_thenRestart_isConsistent_andTheNextRunFinishes(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        Path log = dir.resolve("wharf.log");
        List<Image> tagged = new ArrayList<>();
        String interrupted;
        ForkedRegistry server = ForkedRegistry.start(root, log, GC_TIMINGS);
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null)) {
            GcService gc = GcFixtures.offline(new WharfConfig.Gc(Duration.ZERO, Duration.ofSeconds(2),
                    Duration.ofSeconds(1), true), root, meta);
            RegistryClient c = server.client();
            for (int i = 0; i < 4; i++) {
                tagged.add(image(c, "crash/app", "v" + i, "kept " + i, bytes("kept layer " + i), bytes("shared")));
            }
            for (int i = 0; i < 60; i++) {
                image(c, "crash/app", null, "garbage " + i, bytes("garbage layer " + i), bytes("shared"));
            }
            for (int i = 0; i < 300; i++) {
                c.pushBlob("crash/junk", bytes("unreferenced " + i));
            }
            Thread.sleep(5);

            Run run = gc.start(null, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);
            interrupted = run.uuid();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (run.status() == Status.REQUESTED || run.status() == Status.RUNNING && run.manifestsDeleted() == 0) {
                assertThat(System.nanoTime()).as("the server starts the run").isLessThan(deadline);
                Thread.sleep(5);
                run = gc.get(run.uuid()).orElseThrow();
            }
            assertThat(run.status()).as("killed while running").isEqualTo(Status.RUNNING);
            server.kill();

            server = ForkedRegistry.start(root, log, GC_TIMINGS);
            Run next = null;
            while (next == null) { // the dead run holds the scope until its lease expires
                assertThat(System.nanoTime()).isLessThan(deadline);
                try {
                    next = gc.start(null, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);
                } catch (IllegalStateException stillHeld) {
                    Thread.sleep(200);
                }
            }
            next = GcFixtures.await(gc, next);

            assertThat(gc.get(interrupted).orElseThrow().status()).isEqualTo(Status.FAILED);
            assertThat(next.status()).isEqualTo(Status.SUCCEEDED);
            Set<Digest> needed = new HashSet<>();
            RegistryClient c2 = server.client();
            for (Image i : tagged) {
                assertThat(c2.get("/v2/crash/app/manifests/" + i.digest()).body()).isEqualTo(i.payload());
                for (Digest d : i.blobs()) {
                    var blob = c2.get("/v2/crash/app/blobs/" + d);
                    assertThat(blob.statusCode()).isEqualTo(200);
                    assertThat(Digest.sha256(blob.body())).isEqualTo(d);
                    needed.add(d);
                }
            }
            assertThat(storedBlobs(root)).containsExactlyInAnyOrderElementsOf(needed);
            assertThat(count(root, "manifests")).isEqualTo(tagged.size());
            assertThat(count(root, "blobs")).isEqualTo(needed.size());
        } finally {
            server.close();
        }
    }

    private static Set<Digest> storedBlobs(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            Set<Digest> out = new HashSet<>();
            files.filter(Files::isRegularFile).forEach(p -> out.add(Digest.parse("sha256:" + p.getFileName())));
            return out;
        }
    }

    private static int count(Path root, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("wharf.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
