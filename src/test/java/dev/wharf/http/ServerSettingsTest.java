package dev.wharf.http;

import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Settings that change data-plane behaviour: deletes disabled, configured response headers (CORS). */
class ServerSettingsTest {

    @Test
    void deleteDisabled_answers405Unsupported_andKeepsContent(@TempDir Path root) throws Exception {
        try (TestRegistry registry = TestRegistry.start(c -> TestRegistry.configFor(root, false, Map.of()))) {
            RegistryClient client = registry.client();
            byte[] manifest = client.pushImage("nodelete/app", "v1", "layer".getBytes(StandardCharsets.UTF_8));
            Digest d = Digest.sha256(manifest);
            Digest blob = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
            for (String path : new String[]{"/v2/nodelete/app/manifests/" + d, "/v2/nodelete/app/manifests/v1",
                    "/v2/nodelete/app/blobs/" + blob}) {
                var r = client.delete(path);
                assertThat(r.statusCode()).as(path).isEqualTo(405);
                assertThat(errorCode(r)).isEqualTo("UNSUPPORTED");
            }
            assertThat(client.get("/v2/nodelete/app/manifests/v1").body()).isEqualTo(manifest);
            assertThat(client.get("/v2/nodelete/app/blobs/" + blob).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void configuredHeaders_areOnEveryResponse_andPreflightIsAnswered(@TempDir Path root) throws Exception {
        Map<String, List<String>> headers = Map.of(
                "Access-Control-Allow-Origin", List.of("https://ui.example"),
                "Access-Control-Allow-Methods", List.of("HEAD", "GET", "OPTIONS", "DELETE"));
        try (TestRegistry registry = TestRegistry.start(c -> TestRegistry.configFor(root, true, headers))) {
            RegistryClient client = registry.client();
            var r = client.get("/v2/");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ui.example");
            assertThat(r.headers().allValues("Access-Control-Allow-Methods")).contains("GET");
            var error = client.get("/v2/none/manifests/latest");
            assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ui.example");
            var preflight = client.send(client.request("/v2/_catalog").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(preflight.statusCode()).isEqualTo(204);
        }
    }

    @Test
    void healthReadinessAndMetrics_areServedOnTheMainPort(@TempDir Path root) throws Exception {
        try (TestRegistry registry = TestRegistry.start(c -> TestRegistry.configFor(root, true, Map.of()))) {
            RegistryClient client = registry.client();
            assertThat(client.get("/health").statusCode()).isEqualTo(200);
            var ready = client.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(RegistryClient.json(ready).path("checks").path("database").asText()).isEqualTo("ok");
            client.pushImage("metrics/app", "v1", "m".getBytes(StandardCharsets.UTF_8));
            client.get("/v2/metrics/app/manifests/v1");
            String metrics = RegistryClient.text(client.get("/metrics"));
            assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"manifest\",status=\"200\"}");
            assertThat(metrics).contains("http_server_requests_seconds_bucket");
            assertThat(metrics).contains("wharf_bytes_received_total");
            assertThat(metrics).contains("wharf_uploads_in_progress");
        }
    }
}
