package dev.wharf.gc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Run;
import dev.wharf.http.api.ApiAssembly;
import dev.wharf.meta.GcStore;
import dev.wharf.meta.JdbcGcStore;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.storage.fs.FilesystemBlobStore;
import dev.wharf.testing.ApiClient.Res;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.wharf.gc.GcFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run cancelled through the management API (godo's {@code UpdateGarbageCollection} with {@code cancel: true})
 * while it is collecting keeps, in its record, what it removed before it stopped.
 */
class GcCancelThroughApiTest {
    private static final Actor OPERATOR = new Actor("operator", null);

    @Test
    void cancelledRun_reportsTheBlobsAndBytesItRemoved(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        // the server's own worker looks for requested runs only at start: the run below is this test's to execute
        WharfConfig.Gc gc = new WharfConfig.Gc(Duration.ZERO, Duration.ofMinutes(2), Duration.ofHours(1), true);
        java.nio.file.Files.createDirectories(root);
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null)) {
            CountDownLatch collected = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            GcStore real = JdbcGcStore.on(meta, repo -> { });
            GcStore pausing = (GcStore) Proxy.newProxyInstance(GcStore.class.getClassLoader(),
                    new Class<?>[]{GcStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("heartbeat") && ((GcStore.Counters) args[2]).blobsDeleted() > 0
                                && collected.getCount() > 0) {
                            collected.countDown(); // a page is collected; the API cancels before the run goes on
                            assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            GcService service = new GcService(pausing, new Collector(pausing, pausing, new FilesystemBlobStore(root),
                    Clock.systemUTC(), Duration.ZERO, true), Clock.systemUTC(), Duration.ofMinutes(2));
            try (TestRegistry server = TestRegistry.start(c -> c.withStorage(new WharfConfig.Storage(root, true))
                    .withGc(gc), new ApiAssembly.Seams(null, null, null, null, service))) {
                GcFixtures.await(server.server().gc(), server.server().gc().start("warm-up",
                        GcControl.Type.UNREFERENCED_BLOBS_ONLY, false)); // its worker has looked and is idle
                server.accounts().accounts().addUser(OPERATOR, "canceller", "canceller password", false);
                ApiClient api = new ApiClient(server.apiUri(), server.accounts().tokens().createPat(OPERATOR,
                        "canceller", "godo", List.of(), EnumSet.allOf(ApiScope.class), null).text());
                assertThat(api.post("/v2/registries", "{\"name\":\"halt\"}").status()).isEqualTo(201);
                List<Digest> garbage = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    garbage.add(server.client().pushBlob("halt/app", bytes("unreferenced " + i)));
                }
                Thread.sleep(5); // older than the zero grace period

                Res started = api.post("/v2/registries/halt/garbage-collection", null);
                assertThat(started.status()).as(started.toString()).isEqualTo(201);
                String uuid = started.json().get("garbage_collection").get("uuid").asText();
                Thread runner = Thread.ofPlatform().start(service::runNext);
                assertThat(collected.await(30, TimeUnit.SECONDS)).isTrue();
                Res cancel = api.put("/v2/registries/halt/garbage-collection/" + uuid, "{\"cancel\":true}");
                assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
                cancelled.countDown();
                runner.join(30_000);
                assertThat(runner.isAlive()).isFalse();

                long gone = garbage.stream().filter(d -> !GcFixtures.stored(root, d)).count();
                assertThat(gone).isEqualTo(garbage.size());
                JsonNode run = api.get("/v2/registries/halt/garbage-collections").json().get("garbage_collections")
                        .get(0);
                assertThat(run.get("uuid").asText()).isEqualTo(uuid);
                assertThat(run.get("status").asText()).isEqualTo("cancelled");
                assertThat(run.get("blobs_deleted").asLong()).isEqualTo(gone);
                assertThat(run.get("freed_bytes").asLong()).isPositive();
                Run stored = service.get(uuid).orElseThrow();
                assertThat(stored.blobsDeleted()).isEqualTo(gone);
            }
        }
    }
}
