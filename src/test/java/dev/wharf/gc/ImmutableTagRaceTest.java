package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestPostgres;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent first pushes of different manifests to one immutable tag: the tag is decided inside the write
 * transaction, so exactly one push wins and every other gets DENIED, on SQLite and on PostgreSQL.
 */
class ImmutableTagRaceTest {
    private static final int PUSHERS = 12;
    private static final int ROUNDS = 4;

    @Test
    void concurrentFirstPushesToAnImmutableTag_exactlyOneWins_onSqlite() throws Exception {
        race(c -> c);
    }

    @Test
    void concurrentFirstPushesToAnImmutableTag_exactlyOneWins_onPostgres() throws Exception {
        String url = TestPostgres.shared().newSchemaUrl("tags");
        race(c -> c.withDatabase(new WharfConfig.Database(url, TestPostgres.USER, null)));
    }

    private static void race(UnaryOperator<WharfConfig> database) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PUSHERS);
        try (TestRegistry registry = TestRegistry.start(database)) {
            registry.server().gcRules().putPolicy(new RetentionPolicy("imm", Glob.of("**"), null, null, null, null,
                    Glob.of("v*")));
            RegistryClient c = registry.client();
            List<Image> images = new ArrayList<>();
            for (int i = 0; i < PUSHERS; i++) {
                images.add(image(c, "imm/app", null, "candidate " + i, bytes("layer " + i)));
            }
            for (int round = 0; round < ROUNDS; round++) {
                String tag = "v" + round;
                CyclicBarrier together = new CyclicBarrier(PUSHERS);
                List<Future<HttpResponse<byte[]>>> pushes = new ArrayList<>();
                for (Image image : images) {
                    pushes.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return c.putManifest("imm/app", tag, Manifests.OCI_MANIFEST, image.payload());
                    }));
                }
                List<Image> winners = new ArrayList<>();
                for (int i = 0; i < PUSHERS; i++) {
                    HttpResponse<byte[]> r = pushes.get(i).get(60, TimeUnit.SECONDS);
                    if (r.statusCode() == 201) {
                        winners.add(images.get(i));
                    } else {
                        assertThat(r.statusCode()).as(RegistryClient.text(r)).isEqualTo(403);
                        assertThat(RegistryClient.errorCode(r)).isEqualTo("DENIED");
                    }
                }
                assertThat(winners).as("pushes of %s that succeeded", tag).hasSize(1);
                assertThat(c.get("/v2/imm/app/manifests/" + tag).body()).isEqualTo(winners.getFirst().payload());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
