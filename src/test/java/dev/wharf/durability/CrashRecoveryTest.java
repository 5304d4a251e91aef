package dev.wharf.durability;

import dev.wharf.oci.Digest;
import dev.wharf.testing.ForkedRegistry;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Design invariant 3: a Wharf killed with SIGKILL in the middle of many uploads and manifest pushes restarts with
 * everything it acknowledged intact and nothing partial visible.
 */
@Tag("slow")
class CrashRecoveryTest {

    record Acked(String repo, Digest digest, byte[] content) {
    }

    @Test
    void kill9DuringPushes_losesNothingAcknowledged(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        Path log = dir.resolve("wharf.log");
        Map<Digest, Acked> blobs = new ConcurrentHashMap<>();
        Map<String, Acked> manifests = new ConcurrentHashMap<>();

        for (int round = 0; round < 3; round++) {
            ForkedRegistry server = ForkedRegistry.start(root, log);
            RegistryClient client = server.client();
            ExecutorService pushers = Executors.newFixedThreadPool(8);
            int seed = round;
            int ackedBefore = blobs.size() + manifests.size();
            for (int w = 0; w < 8; w++) {
                int worker = w;
                pushers.submit(() -> push(client, seed * 100 + worker, blobs, manifests));
            }
            Thread.sleep(1500 + new Random(round).nextInt(1000));
            // A loaded machine may not have acknowledged anything yet; kill only mid-stream, within a bound.
            for (int wait = 0; wait < 600 && blobs.size() + manifests.size() <= ackedBefore; wait++) {
                Thread.sleep(100);
            }
            server.kill();
            pushers.shutdownNow();
            assertThat(pushers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (ForkedRegistry server = ForkedRegistry.start(root, log)) {
            RegistryClient client = server.client();
            assertThat(blobs).isNotEmpty();
            assertThat(manifests).isNotEmpty();
            for (Acked a : blobs.values()) {
                var r = client.get("/v2/" + a.repo() + "/blobs/" + a.digest());
                assertThat(r.statusCode()).as("acknowledged blob %s", a.digest()).isEqualTo(200);
                assertThat(Digest.sha256(r.body())).isEqualTo(a.digest());
            }
            for (var e : manifests.entrySet()) {
                Acked a = e.getValue();
                var r = client.get("/v2/" + a.repo() + "/manifests/" + a.digest());
                assertThat(r.statusCode()).as("acknowledged manifest %s", e.getKey()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(a.content());
            }
            // Nothing partial: every stored blob file hashes to its name.
            try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    String algo = p.getParent().getParent().getFileName().toString();
                    if (algo.equals("sha256")) {
                        assertThat(Digest.sha256(Files.readAllBytes(p)).hex()).isEqualTo(p.getFileName().toString());
                    }
                }
            }
        }
    }

    /** Pushes blobs (monolithic and chunked) and manifests until interrupted or the server dies. */
    private static void push(RegistryClient client, int seed, Map<Digest, Acked> blobs, Map<String, Acked> manifests) {
        Random random = new Random(seed);
        String repo = "crash/r" + (seed % 4);
        for (int i = 0; i < 10_000 && !Thread.currentThread().isInterrupted(); i++) {
            try {
                byte[] layer = new byte[1 + random.nextInt(256 * 1024)];
                random.nextBytes(layer);
                Digest l = random.nextBoolean() ? client.pushBlob(repo, layer) : chunked(client, repo, layer);
                blobs.put(l, new Acked(repo, l, layer));
                byte[] config = ("{\"seed\":" + seed + ",\"i\":" + i + "}").getBytes();
                Digest c = client.pushBlob(repo, config);
                blobs.put(c, new Acked(repo, c, config));
                byte[] manifest = Manifests.ociManifest(c, config.length, l, layer.length);
                var r = client.putManifest(repo, "t" + seed + "-" + i, Manifests.OCI_MANIFEST, manifest);
                if (r.statusCode() == 201) {
                    manifests.put(repo + ":t" + seed + "-" + i, new Acked(repo, Digest.sha256(manifest), manifest));
                }
            } catch (RuntimeException | AssertionError e) {
                return; // the server was killed
            }
        }
    }

    private static Digest chunked(RegistryClient client, String repo, byte[] content) {
        var start = client.send(client.request("/v2/" + repo + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()).build());
        String loc = start.headers().firstValue("Location").orElseThrow();
        int half = content.length / 2;
        var p = client.send(client.request(loc).header("Content-Range", "0-" + (half - 1))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content, 0, half)).build());
        if (half > 0 && p.statusCode() != 202) {
            throw new IllegalStateException("patch " + p.statusCode());
        }
        Digest d = Digest.sha256(content);
        String next = half > 0 ? p.headers().firstValue("Location").orElseThrow() : loc;
        var put = client.send(client.request(next + (next.contains("?") ? "&" : "?") + "digest=" + d)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content, half, content.length - half)).build());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("put " + put.statusCode());
        }
        return d;
    }

}
