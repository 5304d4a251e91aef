package dev.wharf.http;

import dev.wharf.config.WharfConfig;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk, for real: blob storage on an 8 MiB tmpfs (mounting needs root; the test is skipped, saying so,
 * where mounting is impossible). Pushes that hit ENOSPC answer 507 STORAGE_FULL, pulls go on, /ready names the
 * storage check, the free-space gauge shows it, and once space is freed pushes work again with nothing lost.
 */
class StorageFullTest {
    private static final int MIB = 1 << 20;
    private static final Pattern FREE_GAUGE = Pattern.compile("(?m)^wharf_storage_free_bytes(?:\\{[^}]*})? (\\S+)$");

    @TempDir
    Path tmp;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createDirectory(tmp.resolve("tmpfs"));
        String reason = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString());
        mounted = reason == null;
        assumeTrue(mounted, "cannot mount a tmpfs to fill (needs root): " + reason);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            String reason = run("umount", mount.toString());
            assertThat(reason).as("umount " + mount).isNull();
        }
    }

    @Test
    void fullDisk_is507_pullsGoOn_readyAndMetricTell_andFreeingSpaceRecovers() throws Exception {
        Path filler = mount.resolve("filler");
        Files.write(filler, new byte[3 * MIB]); // given back later, to "free space"
        Path db = Files.createDirectory(tmp.resolve("db")); // metadata elsewhere: this test is about blob storage
        try (TestRegistry registry = TestRegistry.start(c -> c
                .withStorage(new WharfConfig.Storage(mount.resolve("data"), true, MIB))
                .withDatabase(new WharfConfig.Database("jdbc:sqlite:" + db.resolve("wharf.db"), null, null)))) {
            RegistryClient client = registry.client();
            byte[] manifest = client.pushImage("full/app", "v1", random(0, MIB / 2));
            assertThat(client.get("/ready").statusCode()).isEqualTo(200);

            List<byte[]> stored = new ArrayList<>();
            var refused = pushUntilRefused(client, stored);
            assertThat(refused.statusCode()).isEqualTo(507);
            var error = RegistryClient.json(refused).path("errors").path(0);
            assertThat(error.path("code").asText()).isEqualTo("STORAGE_FULL");
            assertThat(error.path("message").asText()).contains("storage is full");

            assertThat(client.get("/v2/full/app/manifests/v1").body()).isEqualTo(manifest);
            assertAllPullable(client, stored);
            var ready = client.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(RegistryClient.json(ready).path("checks").path("storage").asText()).contains("storage is full");
            assertThat(RegistryClient.json(ready).path("checks").path("database").asText()).isEqualTo("ok");
            assertThat(freeBytes(client)).isBetween(0.0, (double) MIB);

            Files.delete(filler);
            byte[] after = random(99, MIB);
            assertThat(client.pushBlob("full/app", after)).isEqualTo(Digest.sha256(after));
            stored.add(after);
            assertThat(client.get("/ready").statusCode()).isEqualTo(200);
            assertThat(freeBytes(client)).isGreaterThan(MIB);
            assertThat(client.get("/v2/full/app/manifests/v1").body()).isEqualTo(manifest);
            assertAllPullable(client, stored);
        }
    }

    /** Monolithic 1 MiB pushes until one is refused (bounded: the tmpfs holds fewer than 8). */
    private static java.net.http.HttpResponse<byte[]> pushUntilRefused(RegistryClient client, List<byte[]> stored) {
        for (int i = 1; i <= 12; i++) {
            byte[] content = random(i, MIB);
            var r = client.send(client.request("/v2/full/app/blobs/uploads/?digest=" + Digest.sha256(content))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
            if (r.statusCode() != 201) {
                return r;
            }
            stored.add(content);
        }
        throw new AssertionError("12 MiB fitted on an 8 MiB tmpfs");
    }

    private static void assertAllPullable(RegistryClient client, List<byte[]> blobs) {
        for (byte[] content : blobs) {
            var r = client.get("/v2/full/app/blobs/" + Digest.sha256(content));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Digest.sha256(r.body())).isEqualTo(Digest.sha256(content));
        }
    }

    private static double freeBytes(RegistryClient client) {
        Matcher m = FREE_GAUGE.matcher(RegistryClient.text(client.get("/metrics")));
        assertThat(m.find()).as("wharf_storage_free_bytes in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Runs a command with a bounded wait; null when it succeeded, else why not. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish in 30 s";
        }
        String output = new String(p.getInputStream().readAllBytes()).strip();
        return p.exitValue() == 0 ? null : String.join(" ", command) + " exited " + p.exitValue() + ": " + output;
    }
}
