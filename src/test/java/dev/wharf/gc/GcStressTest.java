package dev.wharf.gc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Run;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.wharf.gc.GcFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Online collection under load, with a zero grace period so every race is possible: pushers (images sharing layers
 * across repositories and registries, indexes, signatures), a tagger, a deleter and a GC loop, for a fixed number of
 * rounds. Afterwards every tag pulls completely with verified digests, and once a final run has gone nothing is
 * stored that no tag needs.
 */
class GcStressTest {
    private static final int PUSHERS = 3;
    private static final int ROUNDS = 12;
    private static final String[] REPOS = {"st/a", "st/b", "st/c/d", "other/x"};

    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger manifestRetries = new AtomicInteger();

    @Test
    void pushesTagsDeletesAndCollection_concurrently_leaveEveryTagWholeAndNoGarbage(@TempDir Path dir)
            throws Exception {
        Path root = dir.resolve("data");
        try (TestRegistry registry = TestRegistry.start(cfg -> cfg
                .withStorage(new WharfConfig.Storage(root, true))
                .withGc(new WharfConfig.Gc(Duration.ZERO, Duration.ofMinutes(2), Duration.ofSeconds(30), true)))) {
            RegistryClient c = registry.client();
            GcControl gc = registry.server().gc();
            ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + 3);
            CountDownLatch pushersDone = new CountDownLatch(PUSHERS);
            List<Future<?>> work = new ArrayList<>();
            for (int p = 0; p < PUSHERS; p++) {
                int pusher = p;
                work.add(pool.submit(() -> {
                    try {
                        push(c, pusher);
                    } finally {
                        pushersDone.countDown();
                    }
                }));
            }
            work.add(pool.submit(() -> tagAndDelete(c, 1, pushersDone)));
            AtomicInteger runs = new AtomicInteger();
            work.add(pool.submit(() -> collectLoop(gc, pushersDone, runs)));
            for (Future<?> f : work) {
                f.get(10, TimeUnit.MINUTES);
            }
            pool.shutdownNow();
            assertThat(failures).isEmpty();
            assertThat(runs.get()).isGreaterThanOrEqualTo(2);

            Set<Digest> neededBlobs = new HashSet<>();
            Set<String> neededManifests = new HashSet<>();
            for (String repo : REPOS) {
                for (JsonNode tag : RegistryClient.json(c.get("/v2/" + repo + "/tags/list")).path("tags")) {
                    pullCompletely(c, repo, tag.asText(), neededBlobs, neededManifests);
                }
            }
            assertThat(neededManifests).isNotEmpty();

            Run last = GcFixtures.collect(gc, null, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);
            assertThat(last.status()).isEqualTo(GcControl.Status.SUCCEEDED);
            assertThat(storedBlobs(root)).containsExactlyInAnyOrderElementsOf(neededBlobs);
            assertThat(manifestCount(root)).isEqualTo(neededManifests.size());
            for (String repo : REPOS) { // and everything still pulls after it
                for (JsonNode tag : RegistryClient.json(c.get("/v2/" + repo + "/tags/list")).path("tags")) {
                    pullCompletely(c, repo, tag.asText(), new HashSet<>(), new HashSet<>());
                }
            }
        }
    }

    private void push(RegistryClient c, int pusher) {
        Random random = new Random(pusher);
        for (int round = 0; round < ROUNDS; round++) {
            String repo = REPOS[(pusher + round) % REPOS.length];
            byte[] shared = bytes("shared layer " + random.nextInt(4));
            byte[] unique = bytes("layer of pusher " + pusher + " round " + round);
            byte[] pushed = pushImage(c, repo, "t" + (round % 3), "p" + pusher + "r" + round, shared, unique);
            if (pushed == null) {
                continue;
            }
            Digest image = Digest.sha256(pushed);
            if (round % 3 == 0) {
                byte[] second = pushImage(c, repo, null, "arm p" + pusher + "r" + round, shared);
                if (second != null) {
                    putWithRetry(c, repo, "multi", Manifests.OCI_INDEX, Manifests.index(Manifests.OCI_INDEX, pushed,
                            second), List.of());
                }
            }
            if (round % 2 == 0) {
                byte[] sig = bytes("signature of " + image);
                byte[] empty = bytes("{}");
                byte[] payload = Manifests.artifact("application/vnd.example.sig", Digest.sha256(empty),
                        Digest.sha256(sig), sig.length, image, 100, Manifests.OCI_MANIFEST);
                putWithRetry(c, repo, Digest.sha256(payload).toString(), Manifests.OCI_MANIFEST, payload,
                        List.of(empty, sig));
            }
        }
    }

    /** Pushes an image; returns its digest, or null when its tag could not be kept (already reported). */
    /** The manifest's payload once pushed, null when it could not be. */
    private byte[] pushImage(RegistryClient c, String repo, String tag, String configText, byte[]... layers) {
        byte[] config = bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"x\":\"" + configText + "\"}");
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + Digest.sha256(config) + "\",\"size\":" + config.length + "},\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",")
                    .append("\"digest\":\"").append(Digest.sha256(layers[i])).append("\",\"size\":")
                    .append(layers[i].length).append('}');
        }
        byte[] payload = bytes(json.append("]}").toString());
        List<byte[]> blobs = new ArrayList<>(List.of(layers));
        blobs.add(config);
        Digest digest = Digest.sha256(payload);
        return putWithRetry(c, repo, tag == null ? digest.toString() : tag, Manifests.OCI_MANIFEST, payload, blobs)
                ? payload : null;
    }

    /**
     * Uploads the blobs, then puts the manifest. With a zero grace period the collector may unlink a blob between
     * the two (that is allowed: nothing references it yet); the client then uploads again, as a real one would.
     */
    private boolean putWithRetry(RegistryClient c, String repo, String ref, String type, byte[] payload,
                                 List<byte[]> blobs) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                blobs.forEach(b -> c.pushBlob(repo, b));
            } catch (AssertionError collectedWhileStored) { // 400 BLOB_UPLOAD_INVALID: upload it again
                if (!String.valueOf(collectedWhileStored.getMessage()).contains("400")) {
                    failures.add(repo + ": " + collectedWhileStored.getMessage());
                    return false;
                }
                manifestRetries.incrementAndGet();
                continue;
            }
            HttpResponse<byte[]> r = c.putManifest(repo, ref, type, payload);
            if (r.statusCode() == 201) {
                return true;
            }
            if (!collectedMeanwhile(r)) {
                failures.add("PUT " + repo + ":" + ref + " -> " + r.statusCode() + " " + RegistryClient.text(r));
                return false;
            }
            manifestRetries.incrementAndGet();
        }
        return false; // an index whose child kept being collected: not an error, it is simply not pushed
    }

    private void tagAndDelete(RegistryClient c, int seed, CountDownLatch pushersDone) {
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS * 2 && pushersDone.getCount() > 0; round++) {
            String repo = REPOS[random.nextInt(REPOS.length)];
            HttpResponse<byte[]> m = c.get("/v2/" + repo + "/manifests/t" + random.nextInt(3));
            if (m.statusCode() == 200) {
                String type = m.headers().firstValue("Content-Type").orElse(Manifests.OCI_MANIFEST);
                HttpResponse<byte[]> put = c.putManifest(repo, "copy" + random.nextInt(2), type, m.body());
                if (!collectedMeanwhile(put)) {
                    expect(put, "tag copy", 201);
                }
            } else {
                expect(m, "get tag", 404);
            }
            if (random.nextInt(3) == 0) {
                expect(c.delete("/v2/" + repo + "/manifests/t" + random.nextInt(3)), "delete tag", 202, 404);
            }
            if (random.nextInt(4) == 0) {
                HttpResponse<byte[]> h = c.head("/v2/" + repo + "/manifests/copy" + random.nextInt(2));
                h.headers().firstValue("Docker-Content-Digest").ifPresent(d ->
                        expect(c.delete("/v2/" + repo + "/manifests/" + d), "delete manifest", 202, 404));
            }
        }
    }

    /** 400 MANIFEST_BLOB_UNKNOWN: a blob or child manifest of the put was collected meanwhile (no grace period). */
    private static boolean collectedMeanwhile(HttpResponse<byte[]> r) {
        return r.statusCode() == 400 && RegistryClient.errorCode(r).equals("MANIFEST_BLOB_UNKNOWN");
    }

    private void expect(HttpResponse<byte[]> r, String what, int... allowed) {
        for (int s : allowed) {
            if (r.statusCode() == s) {
                return;
            }
        }
        failures.add(what + " -> " + r.statusCode() + " " + RegistryClient.text(r));
    }

    private void collectLoop(GcControl gc, CountDownLatch pushersDone, AtomicInteger runs) {
        Type[] types = Type.values();
        for (int i = 0; i < 1000 && (pushersDone.getCount() > 0 || i < 2); i++) {
            String scope = i % 3 == 2 ? "st" : null;
            Run run = GcFixtures.await(gc, gc.start(scope, types[i % types.length], i % 5 == 4));
            if (run.status() != GcControl.Status.SUCCEEDED) {
                failures.add("run " + run + " ended " + run.status());
            }
            runs.incrementAndGet();
        }
    }

    /** Pulls a tag and everything it needs (children, referrers), verifying every digest. */
    private void pullCompletely(RegistryClient c, String repo, String ref, Set<Digest> blobs, Set<String> manifests) {
        HttpResponse<byte[]> m = c.get("/v2/" + repo + "/manifests/" + ref);
        assertThat(m.statusCode()).as("%s:%s", repo, ref).isEqualTo(200);
        Digest digest = Digest.sha256(m.body());
        if (ref.startsWith("sha256:")) {
            assertThat(digest.toString()).isEqualTo(ref);
        }
        if (!manifests.add(repo + "@" + digest)) {
            return;
        }
        JsonNode json = RegistryClient.json(m);
        List<String> blobRefs = new ArrayList<>();
        if (json.has("config")) {
            blobRefs.add(json.path("config").path("digest").asText());
        }
        json.path("layers").forEach(l -> blobRefs.add(l.path("digest").asText()));
        for (String b : blobRefs) {
            Digest d = Digest.parse(b);
            HttpResponse<byte[]> blob = c.get("/v2/" + repo + "/blobs/" + d);
            assertThat(blob.statusCode()).as("blob %s of %s@%s", d, repo, digest).isEqualTo(200);
            assertThat(Digest.sha256(blob.body())).isEqualTo(d);
            blobs.add(d);
        }
        for (JsonNode child : json.path("manifests")) {
            pullCompletely(c, repo, child.path("digest").asText(), blobs, manifests);
        }
        for (JsonNode referrer : RegistryClient.json(c.get("/v2/" + repo + "/referrers/" + digest)).path("manifests")) {
            pullCompletely(c, repo, referrer.path("digest").asText(), blobs, manifests);
        }
    }

    private static Set<Digest> storedBlobs(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            Set<Digest> out = new HashSet<>();
            files.filter(Files::isRegularFile).forEach(p -> out.add(Digest.parse("sha256:" + p.getFileName())));
            return out;
        }
    }

    private static int manifestCount(Path root) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("wharf.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM manifests")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
