package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Run;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.wharf.gc.GcFixtures.blobStatus;
import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.collect;
import static dev.wharf.gc.GcFixtures.image;
import static dev.wharf.gc.GcFixtures.index;
import static dev.wharf.gc.GcFixtures.manifestStatus;
import static dev.wharf.gc.GcFixtures.referrer;
import static dev.wharf.gc.GcFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every mode on small, exact scenarios over HTTP: which manifests and blobs go, which stay. */
class GcScenarioTest {
    private TestRegistry registry;
    private RegistryClient c;
    private GcControl gc;

    private void start(Duration grace, boolean deleteOrphanReferrers) throws Exception {
        registry = TestRegistry.start(cfg -> cfg.withGc(new WharfConfig.Gc(grace, Duration.ofMinutes(2),
                Duration.ofSeconds(30), deleteOrphanReferrers)));
        c = registry.client();
        gc = registry.server().gc();
    }

    private void start() throws Exception {
        start(Duration.ZERO, true);
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    /** A tagged image A, B whose tag moved to C, B's signature, an untagged index's children, a lone manifest. */
    private record Scene(Image a, Image b, Image c, Image sigA, Image sigB, Image x, Image y, Digest multi,
                         Image lone) {
    }

    private Scene scene(String repo) {
        Image a = image(c, repo, "a", "A", bytes("shared"), bytes("a-only"));
        Image b = image(c, repo, "b", "B", bytes("shared"), bytes("b-only"));
        Image cc = image(c, repo, "b", "C", bytes("c-only"));
        Image x = image(c, repo, null, "X", bytes("x-layer"));
        Image y = image(c, repo, null, "Y", bytes("y-layer"));
        Digest multi = index(c, repo, "multi", x, y);
        Image sigA = referrer(c, repo, a, "signature");
        Image sigB = referrer(c, repo, b, "signature");
        Image lone = image(c, repo, null, "lone", bytes("lone-layer"));
        return new Scene(a, b, cc, sigA, sigB, x, y, multi, lone);
    }

    @Test
    void untaggedManifestsOnly_removesUnneededManifestsAndNoBlob() throws Exception {
        start();
        Scene s = scene("reg/app");

        Run run = collect(gc, "reg", Type.UNTAGGED_MANIFESTS_ONLY, false);

        assertThat(run.status()).isEqualTo(GcControl.Status.SUCCEEDED);
        assertThat(run.manifestsDeleted()).isEqualTo(3);
        assertThat(run.blobsDeleted()).isZero();
        assertThat(run.freedBytes()).isEqualTo(s.b().payload().length + s.sigB().payload().length
                + s.lone().payload().length);
        for (Image gone : List.of(s.b(), s.sigB(), s.lone())) {
            assertThat(manifestStatus(c, "reg/app", gone.digest())).isEqualTo(404);
        }
        for (Image kept : List.of(s.a(), s.c(), s.x(), s.y(), s.sigA())) {
            assertThat(manifestStatus(c, "reg/app", kept.digest())).isEqualTo(200);
        }
        assertThat(manifestStatus(c, "reg/app", s.multi())).isEqualTo(200);
        for (Digest blob : s.b().blobs()) {
            assertThat(blobStatus(c, "reg/app", blob)).isEqualTo(200);
        }
    }

    @Test
    void unreferencedBlobsOnly_keepsBlobsOfUntaggedManifests() throws Exception {
        start();
        Image a = image(c, "reg/app", "a", "A", bytes("shared"), bytes("a-only"));
        Image untagged = image(c, "reg/app", null, "U", bytes("u-only"));
        Digest lone = c.pushBlob("reg/app", bytes("lone blob"));
        Digest sharedElsewhere = c.pushBlob("reg/other", bytes("shared"));

        Run run = collect(gc, "reg", Type.UNREFERENCED_BLOBS_ONLY, false);

        assertThat(run.status()).isEqualTo(GcControl.Status.SUCCEEDED);
        assertThat(run.manifestsDeleted()).isZero();
        assertThat(run.blobsDeleted()).isEqualTo(1);
        assertThat(run.freedBytes()).isEqualTo("lone blob".length());
        assertThat(blobStatus(c, "reg/app", lone)).isEqualTo(404);
        assertThat(stored(registry.root(), lone)).isFalse();
        // the link of reg/other went (nothing there references it); the bytes stay for reg/app's image
        assertThat(blobStatus(c, "reg/other", sharedElsewhere)).isEqualTo(404);
        assertThat(stored(registry.root(), sharedElsewhere)).isTrue();
        assertThat(manifestStatus(c, "reg/app", untagged.digest())).isEqualTo(200);
        for (Digest d : untagged.blobs()) {
            assertThat(blobStatus(c, "reg/app", d)).isEqualTo(200);
        }
        for (Digest d : a.blobs()) {
            assertThat(blobStatus(c, "reg/app", d)).isEqualTo(200);
        }
    }

    @Test
    void blobsAndManifests_removesExactlyTheGarbage_andDryRunReportsItFirst() throws Exception {
        start();
        Image a = image(c, "reg/app", "a", "A", bytes("shared"), bytes("a-only"));
        Image b = image(c, "reg/app", "b", "B", bytes("shared"), bytes("b-only"));
        Image cc = image(c, "reg/app", "b", "C", bytes("c-only"));
        Image sigB = referrer(c, "reg/app", b, "sbom");
        long expectedBytes = b.payload().length + sigB.payload().length
                + bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"x\":\"B\"}").length + "b-only".length()
                + sigB.blobBytes();

        Run dry = collect(gc, "reg", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, true);

        assertThat(dry.status()).isEqualTo(GcControl.Status.SUCCEEDED);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.manifestsDeleted()).isEqualTo(2);
        assertThat(dry.blobsDeleted()).isEqualTo(4);
        assertThat(dry.freedBytes()).isEqualTo(expectedBytes);
        assertThat(manifestStatus(c, "reg/app", b.digest())).isEqualTo(200);
        assertThat(manifestStatus(c, "reg/app", sigB.digest())).isEqualTo(200);
        for (Digest d : b.blobs()) {
            assertThat(blobStatus(c, "reg/app", d)).isEqualTo(200);
        }

        Run real = collect(gc, "reg", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);

        assertThat(real.manifestsDeleted()).isEqualTo(dry.manifestsDeleted());
        assertThat(real.blobsDeleted()).isEqualTo(dry.blobsDeleted());
        assertThat(real.freedBytes()).isEqualTo(dry.freedBytes());
        assertThat(manifestStatus(c, "reg/app", b.digest())).isEqualTo(404);
        assertThat(manifestStatus(c, "reg/app", sigB.digest())).isEqualTo(404);
        assertThat(stored(registry.root(), b.config())).isFalse();
        assertThat(stored(registry.root(), b.layers().get(1))).isFalse();
        assertThat(stored(registry.root(), sigB.config())).isFalse();
        for (Image kept : List.of(a, cc)) {
            assertThat(manifestStatus(c, "reg/app", kept.digest())).isEqualTo(200);
            for (Digest d : kept.blobs()) {
                assertThat(blobStatus(c, "reg/app", d)).as("blob %s of a kept image", d).isEqualTo(200);
            }
        }
        assertThat(collect(gc, "reg", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false))
                .extracting(Run::manifestsDeleted, Run::blobsDeleted).containsExactly(0L, 0L);
    }

    @Test
    void untaggedIndex_goesWithItsChildren_taggedIndexKeepsThem() throws Exception {
        start();
        Image x = image(c, "reg/app", null, "X", bytes("x-layer"));
        Image y = image(c, "reg/app", null, "Y", bytes("y-layer"));
        Digest untaggedIndex = index(c, "reg/app", null, x, y);
        Image p = image(c, "reg/app", null, "P", bytes("p-layer"));
        Digest taggedIndex = index(c, "reg/app", "multi", p);

        Run run = collect(gc, null, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);

        assertThat(run.manifestsDeleted()).isEqualTo(3);
        assertThat(run.blobsDeleted()).isEqualTo(4);
        assertThat(manifestStatus(c, "reg/app", untaggedIndex)).isEqualTo(404);
        assertThat(manifestStatus(c, "reg/app", x.digest())).isEqualTo(404);
        assertThat(manifestStatus(c, "reg/app", y.digest())).isEqualTo(404);
        assertThat(manifestStatus(c, "reg/app", taggedIndex)).isEqualTo(200);
        assertThat(manifestStatus(c, "reg/app", p.digest())).isEqualTo(200);
        for (Digest d : p.blobs()) {
            assertThat(blobStatus(c, "reg/app", d)).isEqualTo(200);
        }
    }

    @Test
    void referrersOfDeletedManifests_stayWhenConfigured() throws Exception {
        start(Duration.ZERO, false);
        Image b = image(c, "reg/app", null, "B", bytes("b-only"));
        Image sig = referrer(c, "reg/app", b, "signature");

        Run run = collect(gc, "reg", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);

        assertThat(run.manifestsDeleted()).isEqualTo(1);
        assertThat(manifestStatus(c, "reg/app", b.digest())).isEqualTo(404);
        assertThat(manifestStatus(c, "reg/app", sig.digest())).isEqualTo(200);
        for (Digest d : sig.blobs()) {
            assertThat(blobStatus(c, "reg/app", d)).isEqualTo(200);
        }
    }

    @Test
    void gracePeriod_keepsRecentContent() throws Exception {
        start(Duration.ofHours(1), true);
        Image untagged = image(c, "reg/app", null, "U", bytes("u-only"));
        Digest lone = c.pushBlob("reg/app", bytes("lone"));

        Run run = collect(gc, null, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);

        assertThat(run.status()).isEqualTo(GcControl.Status.SUCCEEDED);
        assertThat(run).extracting(Run::manifestsDeleted, Run::blobsDeleted, Run::freedBytes)
                .containsExactly(0L, 0L, 0L);
        assertThat(manifestStatus(c, "reg/app", untagged.digest())).isEqualTo(200);
        assertThat(blobStatus(c, "reg/app", lone)).isEqualTo(200);
    }

    @Test
    void registryRun_leavesOtherRegistriesAlone() throws Exception {
        start();
        Image mine = image(c, "one/app", null, "mine", bytes("one-only"));
        Image theirs = image(c, "two/app", null, "theirs", bytes("two-only"));
        Image kept = image(c, "two/app", "t", "kept", bytes("shared across registries"));
        Digest sharedLink = c.pushBlob("one/app", bytes("shared across registries"));

        Run run = collect(gc, "one", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);

        assertThat(run.manifestsDeleted()).isEqualTo(1);
        assertThat(manifestStatus(c, "one/app", mine.digest())).isEqualTo(404);
        assertThat(manifestStatus(c, "two/app", theirs.digest())).isEqualTo(200);
        assertThat(blobStatus(c, "one/app", sharedLink)).isEqualTo(404);
        assertThat(blobStatus(c, "two/app", sharedLink)).isEqualTo(200);
        for (Digest d : kept.blobs()) {
            assertThat(blobStatus(c, "two/app", d)).isEqualTo(200);
        }
    }

    @Test
    void instanceRun_removesOldStorageFilesTheMetadataDoesNotKnow() throws Exception {
        start();
        Image a = image(c, "reg/app", "a", "A", bytes("a-layer"));
        byte[] stray = bytes("left behind by a crash");
        Digest orphan = Digest.sha256(stray);
        Path file = registry.root().resolve("blobs/sha256").resolve(orphan.hex().substring(0, 2)).resolve(orphan.hex());
        Files.createDirectories(file.getParent());
        Files.write(file, stray);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(7200)));

        Run scoped = collect(gc, "reg", Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);
        assertThat(scoped.blobsDeleted()).isZero();
        assertThat(Files.exists(file)).isTrue();

        Run instance = collect(gc, null, Type.UNREFERENCED_BLOBS_ONLY, false);
        assertThat(instance.blobsDeleted()).isEqualTo(1);
        assertThat(instance.freedBytes()).isEqualTo(stray.length);
        assertThat(Files.exists(file)).isFalse();
        for (Digest d : a.blobs()) {
            assertThat(blobStatus(c, "reg/app", d)).isEqualTo(200);
        }
    }

    @Test
    void badRequests_areRefusedAndListedRunsAreExact() throws Exception {
        start();
        assertThatThrownBy(() -> gc.start("a/b", Type.UNREFERENCED_BLOBS_ONLY, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without '/'");
        assertThatThrownBy(() -> gc.start(" ", Type.UNREFERENCED_BLOBS_ONLY, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gc.start("Team", Type.UNREFERENCED_BLOBS_ONLY, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase");
        assertThat(gc.count(null)).isZero();
        Run first = collect(gc, "reg", Type.UNTAGGED_MANIFESTS_ONLY, false);
        Run second = collect(gc, "reg", Type.UNREFERENCED_BLOBS_ONLY, true);
        Run other = collect(gc, "other", Type.UNREFERENCED_BLOBS_ONLY, false);

        assertThat(gc.list("reg", 1, 10)).extracting(Run::uuid).containsExactly(second.uuid(), first.uuid());
        assertThat(gc.list("reg", 2, 1)).extracting(Run::uuid).containsExactly(first.uuid());
        assertThat(gc.count("reg")).isEqualTo(2);
        assertThat(gc.count(null)).isEqualTo(3);
        assertThat(gc.list(null, 1, 10)).extracting(Run::uuid).contains(other.uuid());
        assertThat(gc.get(first.uuid()).orElseThrow().type()).isEqualTo(Type.UNTAGGED_MANIFESTS_ONLY);
        assertThat(gc.get("no-such-run")).isEmpty();
        assertThat(gc.active("reg")).isEmpty();
        assertThat(gc.cancel("other", first.uuid())).isEmpty();
        assertThat(gc.cancel("reg", first.uuid()).orElseThrow().status()).isEqualTo(GcControl.Status.SUCCEEDED);
    }
}
