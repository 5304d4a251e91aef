package dev.wharf.http;

import dev.wharf.config.WharfConfig;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import dev.wharf.testing.UploadCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.wharf.testing.UploadCalls.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instance-wide cap on bytes in unfinished uploads ({@code WHARF_UPLOADS_MAXSTAGEDBYTES}) protects the disk
 * where no quota does: it applies to repositories outside every registry, is freed by cancel and expiry, and is
 * recounted from the upload sessions when the server starts again.
 */
class StagedCapTest {
    static final int KIB = 1024;
    static final long CAP = 1024 * KIB;

    static WharfConfig capped(Path root, Duration expiry) {
        WharfConfig base = TestRegistry.configFor(root, true, Map.of());
        return base.withUploads(new WharfConfig.Uploads(expiry, Duration.ofMillis(200),
                WharfConfig.StagedCap.ofBytes(CAP)));
    }

    static void assertCapped(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(RegistryClient.text(r)).isEqualTo(403);
        assertThat(RegistryClient.errorCode(r)).isEqualTo("DENIED");
        assertThat(RegistryClient.text(r)).contains("unfinished uploads", String.valueOf(CAP));
    }

    @Test
    void capAppliesOutsideEveryRegistry_andCancelFreesIt(@TempDir Path root) throws Exception {
        try (TestRegistry registry = TestRegistry.start(c -> capped(root, Duration.ofHours(1)))) {
            UploadCalls uploads = new UploadCalls(registry.client());
            String a = uploads.start("loose/app");
            assertThat(uploads.patchStreaming(a, bytes(700 * KIB, 1)).statusCode()).isEqualTo(202);
            String b = uploads.start("single");
            assertCapped(uploads.patchStreaming(b, () -> new UploadCalls.CountingBody(4L << 20)));
            assertCapped(uploads.patchDeclared(b, bytes(700 * KIB, 2)));
            assertThat(UploadCalls.stagedOnDisk(root)).isEqualTo(700 * KIB);
            assertThat(RegistryClient.text(registry.client().get("/metrics")))
                    .contains("wharf_uploads_staged_bytes " + (700 * KIB) + ".0");

            assertThat(uploads.cancel(a).statusCode()).isEqualTo(204);
            assertThat(uploads.patchStreaming(b, bytes(700 * KIB, 2)).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void stagedBytesAreRecountedAtStart(@TempDir Path root) throws Exception {
        String a;
        try (TestRegistry registry = TestRegistry.start(c -> capped(root, Duration.ofHours(1)))) {
            UploadCalls uploads = new UploadCalls(registry.client());
            a = uploads.start("restart/app");
            assertThat(uploads.patchStreaming(a, bytes(700 * KIB, 3)).statusCode()).isEqualTo(202);
        }
        try (TestRegistry registry = TestRegistry.start(c -> capped(root, Duration.ofHours(1)))) {
            UploadCalls uploads = new UploadCalls(registry.client());
            String b = uploads.start("restart/other");
            assertCapped(uploads.patchStreaming(b, bytes(700 * KIB, 4)));
            assertThat(uploads.patchStreaming(a, bytes(300 * KIB, 5)).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void expiryFreesTheStagedCount(@TempDir Path root) throws Exception {
        try (TestRegistry registry = TestRegistry.start(c -> capped(root, Duration.ofSeconds(1)))) {
            RegistryClient client = registry.client();
            UploadCalls uploads = new UploadCalls(client);
            String a = uploads.start("expire/app");
            assertThat(uploads.patchStreaming(a, bytes(700 * KIB, 6)).statusCode()).isEqualTo(202);
            String b = uploads.start("expire/app");
            assertCapped(uploads.patchStreaming(b, bytes(700 * KIB, 7)));
            int status = 0;
            for (int i = 0; i < 100 && status != 404; i++) { // bounded: at most ~10 s
                Thread.sleep(100);
                status = client.get(a).statusCode();
            }
            assertThat(status).isEqualTo(404);
            String c = uploads.start("expire/app");
            assertThat(uploads.patchStreaming(c, bytes(700 * KIB, 7)).statusCode()).isEqualTo(202);
        }
    }
}
