package dev.wharf.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.oci.Digest;
import dev.wharf.testing.CapturedLogs;
import dev.wharf.testing.SharedRegistryTest;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that are the client's fault at the HTTP level (broken chunk framing, a body shorter than its
 * Content-Length, a malformed request line or header) get a 4xx OCI envelope that says so, and leave no stack trace
 * in the log. Raw sockets, so no client library repairs the request first.
 */
class MalformedRequestTest extends SharedRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Status line and body of the answer to {@code request}; {@code halfClose} ends our output early. */
    private record Answer(int status, String head, JsonNode error) {
    }

    private static Answer send(String request, byte[] body, boolean halfClose) throws Exception {
        try (Socket s = new Socket("127.0.0.1", registry.uri().getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = raw.indexOf("\r\n\r\n");
            String head = split < 0 ? raw : raw.substring(0, split);
            String payload = split < 0 ? "" : raw.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            JsonNode error = payload.isBlank() ? JSON.missingNode() : JSON.readTree(payload).path("errors").path(0);
            return new Answer(status, head, error);
        }
    }

    private static String startUpload(String repo) {
        var r = client.send(client.request("/v2/" + repo + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(202);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String uploadRange(String location) {
        return client.get(location).headers().firstValue("Range").orElseThrow();
    }

    @Test
    void badChunkFraming_isBlobUploadInvalid_withoutStackTrace() throws Exception {
        String patchAt = startUpload("malformed/chunks");
        String putAt = startUpload("malformed/chunks");
        String badChunks = "zz\r\nabc\r\n0\r\n\r\n"; // "zz" is not a hex chunk size
        try (CapturedLogs logs = CapturedLogs.start()) {
            Answer patch = send("PATCH " + patchAt + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n", badChunks.getBytes(StandardCharsets.ISO_8859_1), false);
            Answer put = send("PUT " + putAt + "?digest=" + Digest.sha256(new byte[0]) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", badChunks.getBytes(StandardCharsets.ISO_8859_1), false);
            for (Answer a : new Answer[]{patch, put}) {
                assertThat(a.status()).as(a.head()).isEqualTo(400);
                assertThat(a.error().path("code").asText()).isEqualTo("BLOB_UPLOAD_INVALID");
                assertThat(a.error().path("message").asText()).contains("malformed or cut short");
            }
            assertThat(logs.withStackTraces()).isEmpty();
        }
        assertThat(uploadRange(patchAt)).isEqualTo("0-0");
    }

    @Test
    void bodyCutShort_isBlobUploadInvalid_andTheUploadKeepsOnlyWhatWasAcknowledged() throws Exception {
        String location = startUpload("malformed/short");
        byte[] first = "first chunk".getBytes(StandardCharsets.UTF_8);
        var ok = client.send(client.request(location).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(first)).build());
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(uploadRange(location)).isEqualTo("0-" + (first.length - 1));
        try (CapturedLogs logs = CapturedLogs.start()) {
            Answer cut = send("PATCH " + location + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n",
                    "only these bytes".getBytes(StandardCharsets.UTF_8), true);
            assertThat(cut.status()).as(cut.head()).isEqualTo(400);
            assertThat(cut.error().path("code").asText()).isEqualTo("BLOB_UPLOAD_INVALID");
            assertThat(cut.error().path("message").asText()).contains("malformed or cut short");
            assertThat(logs.withStackTraces()).isEmpty();
        }
        assertThat(uploadRange(location)).isEqualTo("0-" + (first.length - 1));
        // the upload goes on from where it was acknowledged
        byte[] rest = " and the rest".getBytes(StandardCharsets.UTF_8);
        byte[] all = (new String(first, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        var done = client.send(client.request(location + "?digest=" + Digest.sha256(all))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(rest)).build());
        assertThat(done.statusCode()).isEqualTo(201);
    }

    @Test
    void requestsJettyRefusesBeforeRouting_sayTheRequestIsMalformed_notTheName() throws Exception {
        String[] malformed = {
                "GET /v2/ HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\nConnection: close\r\n\r\n",
                "GET /v2/ HTTP/9.9 extra\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /v2/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
        };
        for (String request : malformed) {
            Answer a = send(request, new byte[0], false);
            assertThat(a.status()).as(request).isEqualTo(400);
            assertThat(a.error().path("code").asText()).as(request).isEqualTo("UNSUPPORTED");
            assertThat(a.error().path("message").asText()).as(request).startsWith("malformed request: ");
        }
        // a path that escapes the root is still the name's fault
        Answer traversal = send("GET /v2/../../etc/passwd/manifests/latest HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n", new byte[0], false);
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.error().path("code").asText()).isEqualTo("NAME_INVALID");
    }
}
