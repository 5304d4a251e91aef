package dev.wharf.http.v2;

import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.SharedRegistryTest;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Repository names (grammar, traversal) and the error envelope. */
class NamesAndErrorsTest extends SharedRegistryTest {
    @Test
    void nestedNames_work() {
        String name = "a/b.c/d__e/f-g/h--i/0";
        Digest d = client.pushBlob(name, "nested".getBytes(StandardCharsets.UTF_8));
        assertThat(client.get("/v2/" + name + "/blobs/" + d).statusCode()).isEqualTo(200);
        String longName = "a".repeat(127) + "/" + "b".repeat(127);
        assertThat(longName).hasSize(255);
        assertThat(client.get("/v2/" + longName + "/tags/list").statusCode()).isEqualTo(404);
    }

    /** Sends a raw request line so no client library normalises the path first. */
    private static String rawStatusAndBody(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", registry.uri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void invalidNames_areNameInvalid() throws Exception {
        String[] bad = {"/v2/UPPER/tags/list", "/v2/a/../b/tags/list", "/v2/a/%2e%2e/b/tags/list", "/v2/..%2Fetc/tags/list",
                "/v2/-a/tags/list", "/v2/a-/tags/list", "/v2/a//b/tags/list",
                "/v2/" + "a".repeat(256) + "/tags/list", "/v2/a_._b/tags/list", "/v2/../../etc/passwd/manifests/latest"};
        for (String path : bad) {
            String raw = rawStatusAndBody(path);
            assertThat(raw).as(path).startsWith("HTTP/1.1 400");
            assertThat(raw).as(path).contains("\"code\":\"NAME_INVALID\"");
        }
    }

    @Test
    void errorEnvelope_hasCodeMessageDetail() {
        var r = client.get("/v2/errors/x/blobs/sha256:" + "0".repeat(64));
        var err = RegistryClient.json(r).path("errors").path(0);
        assertThat(err.path("code").asText()).isEqualTo("BLOB_UNKNOWN");
        assertThat(err.path("message").asText()).isNotBlank();
        assertThat(err.has("detail")).isTrue();
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void unknownEndpoints_are404Envelopes() {
        var r = client.get("/v2/a/b/unknown/thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isNotBlank();
        assertThat(client.get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void truncatedBody_storesNothing() throws Exception {
        byte[] content = "complete content".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(content);
        try (Socket s = new Socket("127.0.0.1", registry.uri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v2/errors/trunc/blobs/uploads/?digest=" + d + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(content, 0, 5);
            out.flush();
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        }
        assertThat(client.head("/v2/errors/trunc/blobs/" + d).statusCode()).isEqualTo(404);
        // and the registry still accepts the full blob afterwards
        assertThat(client.pushBlob("errors/trunc", content)).isEqualTo(d);
    }
}
