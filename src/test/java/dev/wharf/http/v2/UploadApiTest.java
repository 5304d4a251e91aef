package dev.wharf.http.v2;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.testing.RawHttp;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.SharedRegistryTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

class UploadApiTest extends SharedRegistryTest {
    private static HttpResponse<byte[]> post(String path) {
        return client.send(client.request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String location(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static HttpResponse<byte[]> patch(String location, byte[] chunk, String contentRange) {
        var b = client.request(location).header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk));
        if (contentRange != null) {
            b.header("Content-Range", contentRange);
        }
        return client.send(b.build());
    }

    private static String withDigest(String location, Digest d) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + d;
    }

    @Test
    void postThenPut_monolithicInTwoSteps() {
        byte[] content = "two step".getBytes(StandardCharsets.UTF_8);
        var start = post("/v2/up/two/blobs/uploads/");
        assertThat(start.statusCode()).isEqualTo(202);
        assertThat(start.headers().firstValue("Docker-Upload-UUID")).isPresent();
        assertThat(start.headers().firstValue("Range")).hasValue("0-0");
        Digest d = Digest.sha256(content);
        var put = client.send(client.request(withDigest(location(start), d))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
        assertThat(location(put)).isEqualTo("/v2/up/two/blobs/" + d);
        assertThat(client.get("/v2/up/two/blobs/" + d).body()).isEqualTo(content);
    }

    @Test
    void chunkedUpload_withStatusAndFinalPutWithoutBody() {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        String loc = location(post("/v2/up/chunked/blobs/uploads/"));
        var first = patch(loc, Arrays.copyOfRange(content, 0, 100_000), "0-99999");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-99999");
        var second = patch(location(first), Arrays.copyOfRange(content, 100_000, 300_000), "100000-299999");
        assertThat(second.headers().firstValue("Range")).hasValue("0-299999");
        var status = client.get(location(second));
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-299999");
        assertThat(status.headers().firstValue("Docker-Upload-UUID")).isPresent();
        Digest d = Digest.sha256(content);
        var put = client.send(client.request(withDigest(location(second), d)).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(client.get("/v2/up/chunked/blobs/" + d).body()).isEqualTo(content);
    }

    @Test
    void chunkedUpload_withLastChunkInPut_andNoContentRange() {
        byte[] a = "first-".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second".getBytes(StandardCharsets.UTF_8);
        String loc = location(post("/v2/up/lastchunk/blobs/uploads/"));
        var p = patch(loc, a, null);
        assertThat(p.statusCode()).isEqualTo(202);
        byte[] all = "first-second".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(all);
        var put = client.send(client.request(withDigest(location(p), d))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(b)).build());
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(client.get("/v2/up/lastchunk/blobs/" + d).body()).isEqualTo(all);
    }

    @Test
    void outOfOrderChunk_is416AndKeepsWhatWasUploaded() {
        String loc = location(post("/v2/up/order/blobs/uploads/"));
        patch(loc, "abc".getBytes(StandardCharsets.UTF_8), "0-2");
        var skip = patch(loc, "xyz".getBytes(StandardCharsets.UTF_8), "10-12");
        assertThat(skip.statusCode()).isEqualTo(416);
        assertThat(errorCode(skip)).isEqualTo("RANGE_INVALID");
        var replay = patch(loc, "abc".getBytes(StandardCharsets.UTF_8), "0-2");
        assertThat(replay.statusCode()).isEqualTo(416);
        assertThat(client.get(loc).headers().firstValue("Range")).hasValue("0-2");
    }

    @Test
    void contentRangeDisagreeingWithLength_isRefused() {
        String loc = location(post("/v2/up/mismatch/blobs/uploads/"));
        var r = patch(loc, "abcd".getBytes(StandardCharsets.UTF_8), "0-9");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("SIZE_INVALID");
        var malformed = patch(loc, "abcd".getBytes(StandardCharsets.UTF_8), "bogus");
        assertThat(malformed.statusCode()).isEqualTo(416);
        assertThat(client.get(loc).headers().firstValue("Range")).hasValue("0-0");
    }

    @Test
    void wrongDigest_isDigestInvalidAndNothingVisible() {
        byte[] content = "content".getBytes(StandardCharsets.UTF_8);
        Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
        var r = client.send(client.request("/v2/up/wrong/blobs/uploads/?digest=" + wrong)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
        assertThat(client.head("/v2/up/wrong/blobs/" + wrong).statusCode()).isEqualTo(404);
        assertThat(client.head("/v2/up/wrong/blobs/" + Digest.sha256(content)).statusCode()).isEqualTo(404);
    }

    @Test
    void refusedRequestWithABody_isAnsweredAfterTheBody_andTheConnectionStays() {
        // 20 MiB refused bodies, as a push to a full registry sends: the answer must reach the client every time
        // (closing with unread bytes resets the connection and the client sees a broken pipe instead of the error)
        for (int size : new int[]{256 * 1024, 20 << 20, 20 << 20, 20 << 20}) {
            var r = client.send(client.request("/v2/up/unknown/blobs/uploads/no-such-upload")
                    .header("Content-Type", "application/octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[size])).build());
            assertThat(r.statusCode()).as("%d bytes", size).isEqualTo(404);
            assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
            assertThat(r.headers().firstValue("Connection")).as("the body was read: the connection stays").isEmpty();
        }
        assertThat(client.send(client.request("/v2/").GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusedBodyStillArrivingAfterTheLinger_isAnswered_thenTheConnectionCloses() throws Exception {
        try (RawHttp c = new RawHttp(registry.server().port())) {
            c.send("PATCH /v2/up/unknown/blobs/uploads/no-such-upload HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 1000000000\r\n\r\n");
            AtomicBoolean answered = new AtomicBoolean();
            Thread trickle = Thread.ofVirtual().start(() -> {
                byte[] kib = new byte[1024];
                try {
                    for (int i = 0; i < 300 && !answered.get(); i++) { // at most 30 s
                        c.send(kib);
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed: expected once it answered
                }
            });
            String status = c.readResponse(Duration.ofSeconds(30));
            answered.set(true);
            assertThat(status).contains("404");
            assertThat(c.closedWithin(Duration.ofSeconds(10), Duration.ofMillis(100), () -> { }))
                    .as("a body still arriving after the linger is not drained forever").isTrue();
            trickle.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void malformedDigestOnPut_isDigestInvalid() {
        String loc = location(post("/v2/up/malformed/blobs/uploads/"));
        var r = client.send(client.request(loc + "?digest=sha256:nothex").PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
        var missing = client.send(client.request(loc).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(errorCode(missing)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void sha512Digests_areVerified() {
        byte[] content = "sha512 content".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.of(DigestAlgorithm.SHA512, content);
        var r = client.send(client.request("/v2/up/sha512/blobs/uploads/?digest=" + d)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(client.get("/v2/up/sha512/blobs/" + d).body()).isEqualTo(content);
    }

    @Test
    void unknownUploadIds_areBlobUploadUnknown() {
        for (String id : new String[]{"00000000-0000-0000-0000-000000000000", "..%2F..%2Fetc", "x"}) {
            var r = client.get("/v2/up/unknown/blobs/uploads/" + id);
            assertThat(r.statusCode()).as(id).isEqualTo(404);
            assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
            assertThat(patch("/v2/up/unknown/blobs/uploads/" + id, new byte[]{1}, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void uploadOfAnotherRepository_isUnknownHere() {
        String loc = location(post("/v2/up/mine/blobs/uploads/"));
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        var r = client.get("/v2/up/theirs/blobs/uploads/" + id);
        assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void cancel_removesTheUpload() {
        String loc = location(post("/v2/up/cancel/blobs/uploads/"));
        patch(loc, "data".getBytes(StandardCharsets.UTF_8), null);
        assertThat(client.delete(loc).statusCode()).isEqualTo(204);
        assertThat(client.get(loc).statusCode()).isEqualTo(404);
        assertThat(client.delete(loc).statusCode()).isEqualTo(404);
    }

    @Test
    void mount_fromRepositoryHoldingTheBlob_is201() {
        Digest d = client.pushBlob("up/mount-src", "mount me".getBytes(StandardCharsets.UTF_8));
        var r = post("/v2/up/mount-dst/blobs/uploads/?mount=" + d + "&from=up/mount-src");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(location(r)).isEqualTo("/v2/up/mount-dst/blobs/" + d);
        assertThat(client.get("/v2/up/mount-dst/blobs/" + d).statusCode()).isEqualTo(200);
    }

    @Test
    void mount_fromRepositoryWithoutTheBlob_fallsBackTo202() {
        Digest d = client.pushBlob("up/mount-other", "not in from".getBytes(StandardCharsets.UTF_8));
        var r = post("/v2/up/mount-dst2/blobs/uploads/?mount=" + d + "&from=up/empty");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Docker-Upload-UUID")).isPresent();
        var noFrom = post("/v2/up/mount-dst2/blobs/uploads/?mount=" + d);
        assertThat(noFrom.statusCode()).isEqualTo(202);
        var badFrom = post("/v2/up/mount-dst2/blobs/uploads/?mount=" + d + "&from=..%2Fup");
        assertThat(badFrom.statusCode()).isEqualTo(202);
    }

    @Test
    void emptyBlob_canBePushed() {
        Digest d = Digest.sha256(new byte[0]);
        var r = client.send(client.request("/v2/up/empty/blobs/uploads/?digest=" + d)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(201);
        var get = client.get("/v2/up/empty/blobs/" + d);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEmpty();
    }
}
