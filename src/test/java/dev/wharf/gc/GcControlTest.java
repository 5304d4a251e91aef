package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Run;
import dev.wharf.gc.GcControl.Status;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.meta.GcStore;
import dev.wharf.meta.JdbcGcStore;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.storage.fs.FilesystemBlobStore;
import dev.wharf.testing.MutableClock;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Run bookkeeping on the database: one active run per scope, cancellation before and during a run. */
class GcControlTest {

    private static WharfConfig.Gc zeroGrace() {
        return new WharfConfig.Gc(Duration.ZERO, Duration.ofMinutes(2), Duration.ofSeconds(30), true);
    }

    @Test
    void oneActiveRunPerScope_isEnforcedByTheDatabase(@TempDir Path dir) throws Exception {
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            GcService a = GcFixtures.offline(zeroGrace(), dir, meta);
            GcService b = GcFixtures.offline(zeroGrace(), dir, meta); // "another node"

            Run first = a.start("reg", Type.UNREFERENCED_BLOBS_ONLY, false);
            assertThat(first.status()).isEqualTo(Status.REQUESTED);
            assertThatThrownBy(() -> b.start("reg", Type.UNTAGGED_MANIFESTS_ONLY, true))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(first.uuid());
            Run other = b.start("other", Type.UNREFERENCED_BLOBS_ONLY, false);
            Run instance = b.start(null, Type.UNREFERENCED_BLOBS_ONLY, false);
            assertThatThrownBy(() -> a.start(null, Type.UNREFERENCED_BLOBS_ONLY, false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("whole instance");
            assertThat(a.active("reg").orElseThrow().uuid()).isEqualTo(first.uuid());
            assertThat(a.active(null).orElseThrow().uuid()).isEqualTo(instance.uuid());

            assertThat(a.cancel("reg", first.uuid()).orElseThrow().status()).isEqualTo(Status.CANCELLED);
            assertThat(a.active("reg")).isEmpty();
            Run again = b.start("reg", Type.UNREFERENCED_BLOBS_ONLY, false);
            assertThat(again.uuid()).isNotEqualTo(first.uuid());

            // the cancelled run is never executed; the others are, oldest first, each by one node
            List<String> executed = new ArrayList<>();
            while (a.runNext() || b.runNext()) {
                executed.add("run");
            }
            assertThat(executed).hasSize(3);
            assertThat(a.get(first.uuid()).orElseThrow().status()).isEqualTo(Status.CANCELLED);
            for (Run r : List.of(other, instance, again)) {
                assertThat(a.get(r.uuid()).orElseThrow().status()).isEqualTo(Status.SUCCEEDED);
            }
        }
    }

    @Test
    void cancelWhileRunning_stopsAtAPageBoundary_consistently_andTheNextRunFinishes(@TempDir Path dir)
            throws Exception {
        Path root = dir.resolve("data");
        List<Image> kept = new ArrayList<>();
        List<Digest> garbage = new ArrayList<>();
        try (TestRegistry r = TestRegistry.start(cfg -> cfg.withStorage(new WharfConfig.Storage(root, true)))) {
            var c = r.client();
            for (int i = 0; i < 3; i++) {
                kept.add(image(c, "reg/app", "t" + i, "kept" + i, bytes("kept layer " + i)));
            }
            for (int i = 0; i < 600; i++) {
                garbage.add(c.pushBlob("reg/app", bytes("garbage " + i)));
            }
        }
        // a clock ahead of the pushes: everything is past the zero grace period without waiting for it
        MutableClock clock = new MutableClock(Instant.now().plusSeconds(60));
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null)) {
            GcStore real = JdbcGcStore.on(meta, repo -> { });
            AtomicInteger beats = new AtomicInteger();
            GcService[] service = new GcService[1];
            GcStore cancellingOnFirstBeat = (GcStore) Proxy.newProxyInstance(GcStore.class.getClassLoader(),
                    new Class<?>[]{GcStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("heartbeat") && beats.incrementAndGet() == 1) {
                            service[0].cancel("reg", (String) args[0]);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            FilesystemBlobStore blobs = new FilesystemBlobStore(root);
            Collector collector = new Collector(cancellingOnFirstBeat, cancellingOnFirstBeat, blobs, clock,
                    Duration.ZERO, true);
            service[0] = new GcService(cancellingOnFirstBeat, collector, clock, Duration.ofMinutes(2));

            Run run = service[0].start("reg", Type.UNREFERENCED_BLOBS_ONLY, false);
            assertThat(service[0].runNext()).isTrue();

            Run cancelled = service[0].get(run.uuid()).orElseThrow();
            assertThat(cancelled.status()).isEqualTo(Status.CANCELLED);
            // the first page (500 digests in order, garbage and kept) went, then the run stopped
            List<Digest> all = new ArrayList<>(garbage);
            kept.forEach(i -> all.addAll(i.blobs()));
            long firstPageGarbage = all.stream().map(Digest::toString).sorted().limit(500)
                    .filter(d -> garbage.stream().anyMatch(g -> g.toString().equals(d))).count();
            long goneFiles = garbage.stream().filter(d -> !GcFixtures.stored(root, d)).count();
            assertThat(goneFiles).isEqualTo(firstPageGarbage).isLessThan(garbage.size());
            for (Digest d : garbage) { // each blob is either fully gone or fully there
                assertThat(real.knownBlobs(List.of(d)).isEmpty()).isEqualTo(!GcFixtures.stored(root, d));
            }

            GcService plain = new GcService(real, new Collector(real, real, blobs, clock, Duration.ZERO, true),
                    clock, Duration.ofMinutes(2));
            Run next = plain.start("reg", Type.UNREFERENCED_BLOBS_ONLY, false);
            assertThat(plain.runNext()).isTrue();
            Run done = plain.get(next.uuid()).orElseThrow();
            assertThat(done.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(done.blobsDeleted()).isEqualTo(garbage.size() - firstPageGarbage);
            assertThat(garbage).noneMatch(d -> GcFixtures.stored(root, d));
            for (Image i : kept) {
                assertThat(i.blobs()).allMatch(d -> GcFixtures.stored(root, d));
            }
        }
    }

    @Test
    void staleRunningRun_isFailedAfterTheLease_soTheScopeCanRunAgain(@TempDir Path dir) throws Exception {
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            GcStore store = JdbcGcStore.on(meta, repo -> { });
            MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
            FilesystemBlobStore blobs = new FilesystemBlobStore(dir);
            GcService node = new GcService(store, new Collector(store, store, blobs, clock, Duration.ZERO, true), clock,
                    Duration.ofMinutes(2));
            Run run = node.start("reg", Type.UNREFERENCED_BLOBS_ONLY, false);
            assertThat(store.claimRequested("a node that then dies", clock.millis())).isPresent();

            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> node.start("reg", Type.UNREFERENCED_BLOBS_ONLY, false))
                    .isInstanceOf(IllegalStateException.class);
            clock.advance(Duration.ofMinutes(2));
            Run next = node.start("reg", Type.UNREFERENCED_BLOBS_ONLY, false);

            assertThat(node.get(run.uuid()).orElseThrow().status()).isEqualTo(Status.FAILED);
            assertThat(node.detail(run.uuid())).contains("interrupted: the node running it stopped");
            assertThat(node.runNext()).isTrue();
            assertThat(node.get(next.uuid()).orElseThrow().status()).isEqualTo(Status.SUCCEEDED);
        }
    }
}
