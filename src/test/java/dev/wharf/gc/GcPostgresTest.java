package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Run;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestPostgres;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes sharing PostgreSQL and storage: one of them runs a collection, with the same exact outcome. */
class GcPostgresTest {
    /** This class's schema on the shared server; its servers share it as nodes of one deployment would. */
    static String url;

    @BeforeAll
    static void newSchema() throws Exception {
        url = TestPostgres.shared().newSchemaUrl("gc");
    }

    private static WharfConfig node(Path shared) {
        return TestRegistry.configFor(shared, true, Map.of())
                .withDatabase(new WharfConfig.Database(url, TestPostgres.USER, null))
                .withGc(new WharfConfig.Gc(Duration.ZERO, Duration.ofMinutes(2), Duration.ofSeconds(30), true));
    }

    @Test
    void twoNodes_startTogether_oneRuns_andRemovesExactlyTheGarbage(@TempDir Path shared) throws Exception {
        try (TestRegistry a = TestRegistry.start(c -> node(shared));
             TestRegistry b = TestRegistry.start(c -> node(shared))) {
            RegistryClient ca = a.client();
            Image kept = image(ca, "pg/app", "v1", "kept", bytes("kept layer"), bytes("shared"));
            Image untagged = image(ca, "pg/app", null, "untagged", bytes("untagged layer"), bytes("shared"));
            Digest lone = ca.pushBlob("pg/app", bytes("lone"));
            Thread.sleep(5);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Run> started = new ArrayList<>();
            try {
                for (Future<Run> f : pool.invokeAll(List.<Callable<Run>>of(
                        () -> a.server().gc().start("pg", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false),
                        () -> b.server().gc().start("pg", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false)))) {
                    try {
                        started.add(f.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(started).hasSize(1);
            Run run = GcFixtures.await(b.server().gc(), started.getFirst());

            assertThat(run.status()).isEqualTo(GcControl.Status.SUCCEEDED);
            assertThat(run.manifestsDeleted()).isEqualTo(1);
            assertThat(run.blobsDeleted()).isEqualTo(3); // the untagged image's config and layer, the lone blob
            RegistryClient cb = b.client();
            assertThat(GcFixtures.manifestStatus(cb, "pg/app", untagged.digest())).isEqualTo(404);
            assertThat(GcFixtures.blobStatus(cb, "pg/app", lone)).isEqualTo(404);
            assertThat(GcFixtures.stored(shared, lone)).isFalse();
            assertThat(cb.get("/v2/pg/app/manifests/v1").body()).isEqualTo(kept.payload());
            for (Digest d : kept.blobs()) {
                var r = cb.get("/v2/pg/app/blobs/" + d);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(Digest.sha256(r.body())).isEqualTo(d);
            }
            assertThat(a.server().gc().list("pg", 1, 10)).hasSize(1);
        }
    }
}
