package dev.wharf.http;

import dev.wharf.config.WharfConfig;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Abandoned uploads expire and their staged bytes are removed; active ones are kept. */
class UploadExpiryTest {

    @Test
    void idleUploadsArePurged(@TempDir Path root) throws Exception {
        try (TestRegistry registry = TestRegistry.start(c -> {
            WharfConfig base = TestRegistry.configFor(root, true, Map.of());
            return base.withUploads(new WharfConfig.Uploads(Duration.ofSeconds(1), Duration.ofMillis(200)));
        })) {
            RegistryClient client = registry.client();
            var start = client.send(client.request("/v2/expire/me/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()).build());
            String loc = start.headers().firstValue("Location").orElseThrow();
            client.send(client.request(loc).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build());
            assertThat(stagedFiles(root)).isPositive();

            int status = 0;
            for (int i = 0; i < 100 && status != 404; i++) { // bounded: at most ~10 s
                Thread.sleep(100);
                status = client.get(loc).statusCode();
            }
            assertThat(status).isEqualTo(404);
            assertThat(stagedFiles(root)).isZero();
        }
    }

    private static long stagedFiles(Path root) throws Exception {
        Path uploads = root.resolve("uploads");
        if (!Files.exists(uploads)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(uploads)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
