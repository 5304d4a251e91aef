package dev.wharf.http.v2;

import dev.wharf.config.WharfConfig;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.SharedRegistryTest;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Every /v2 route answers a method it does not support with 405 UNSUPPORTED and an {@code Allow} header. */
class MethodNotAllowedTest extends SharedRegistryTest {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private static HttpResponse<byte[]> call(RegistryClient c, String method, String path) {
        return c.send(c.request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Path of each route (with content that exists) → the methods it supports. */
    private static Map<String, Set<String>> routes() {
        byte[] manifest = client.pushImage("methods/app", "v1", "methods layer".getBytes(StandardCharsets.UTF_8));
        Digest blob = client.pushBlob("methods/app", "methods blob".getBytes(StandardCharsets.UTF_8));
        String upload = client.send(client.request("/v2/methods/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).headers().firstValue("Location").orElseThrow();
        Map<String, Set<String>> routes = new LinkedHashMap<>();
        routes.put("/v2/", Set.of("GET", "HEAD"));
        routes.put("/v2/_catalog", Set.of("GET", "HEAD"));
        routes.put("/v2/methods/app/tags/list", Set.of("GET", "HEAD"));
        routes.put("/v2/methods/app/referrers/" + Digest.sha256(manifest), Set.of("GET", "HEAD"));
        routes.put("/v2/methods/app/manifests/v1", Set.of("GET", "HEAD", "PUT", "DELETE"));
        routes.put("/v2/methods/app/blobs/" + blob, Set.of("GET", "HEAD", "DELETE"));
        routes.put("/v2/methods/app/blobs/uploads/", Set.of("POST"));
        routes.put(upload, Set.of("GET", "HEAD", "PATCH", "PUT", "DELETE"));
        return routes;
    }

    @Test
    void everyRoute_answersUnsupportedMethodsWith405AndAllow() {
        for (Map.Entry<String, Set<String>> route : routes().entrySet()) {
            String allow = String.join(", ", METHODS.stream().filter(route.getValue()::contains).toList());
            for (String method : METHODS) {
                if (route.getValue().contains(method)) {
                    continue;
                }
                var r = call(client, method, route.getKey());
                String what = method + " " + route.getKey();
                assertThat(r.statusCode()).as(what).isEqualTo(405);
                assertThat(r.headers().firstValue("Allow")).as(what).hasValue(allow);
                if (!method.equals("HEAD")) {
                    assertThat(errorCode(r)).as(what).isEqualTo("UNSUPPORTED");
                }
            }
        }
    }

    @Test
    void base_onlyAnswersGetAndHead() {
        for (String method : new String[]{"POST", "PUT", "PATCH", "DELETE"}) {
            var r = call(client, method, "/v2/");
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
        }
        assertThat(client.head("/v2/").statusCode()).isEqualTo(200);
    }

    @Test
    void uploadStatus_answersHeadLikeGet() {
        String upload = client.send(client.request("/v2/methods/head/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).headers().firstValue("Location").orElseThrow();
        var head = client.head(upload);
        assertThat(head.statusCode()).isEqualTo(204);
        assertThat(head.headers().firstValue("Range")).hasValue("0-0");
    }

    @Test
    void disabledDeletes_areLeftOutOfAllow() throws Exception {
        try (TestRegistry noDelete = TestRegistry.start(c -> c.withStorage(
                new WharfConfig.Storage(c.storage().root(), false)))) {
            RegistryClient c = noDelete.client();
            Digest blob = c.pushBlob("methods/nodelete", "kept".getBytes(StandardCharsets.UTF_8));
            var r = c.delete("/v2/methods/nodelete/blobs/" + blob);
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(errorCode(r)).isEqualTo("UNSUPPORTED");
            assertThat(RegistryClient.text(r)).contains("deletes are disabled");
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }
}
