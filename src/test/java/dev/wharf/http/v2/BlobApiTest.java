package dev.wharf.http.v2;

import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.SharedRegistryTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

class BlobApiTest extends SharedRegistryTest {
    @Test
    void base_answersWithApiVersionHeader() {
        var r = client.get("/v2/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void getAndHead_returnContentAndHeaders() {
        byte[] content = "hello blob".getBytes(StandardCharsets.UTF_8);
        Digest d = client.pushBlob("blobs/get", content);
        var get = client.get("/v2/blobs/get/blobs/" + d);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
        assertThat(get.headers().firstValue("ETag")).hasValue("\"" + d + "\"");
        assertThat(get.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        var head = client.head("/v2/blobs/get/blobs/" + d);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(content.length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void get_ifNoneMatch_is304() {
        Digest d = client.pushBlob("blobs/etag", "etag".getBytes(StandardCharsets.UTF_8));
        var r = client.send(client.request("/v2/blobs/etag/blobs/" + d).header("If-None-Match", "\"" + d + "\"").GET().build());
        assertThat(r.statusCode()).isEqualTo(304);
    }

    @Test
    void rangeRequests_return206AndTheSlice() {
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        Digest d = client.pushBlob("blobs/range", content);
        String path = "/v2/blobs/range/blobs/" + d;
        var r = client.send(client.request(path).header("Range", "bytes=2-5").GET().build());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("2345");
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        var open = client.send(client.request(path).header("Range", "bytes=7-").GET().build());
        assertThat(new String(open.body(), StandardCharsets.UTF_8)).isEqualTo("789");
        var suffix = client.send(client.request(path).header("Range", "bytes=-3").GET().build());
        assertThat(new String(suffix.body(), StandardCharsets.UTF_8)).isEqualTo("789");
    }

    @Test
    void unsatisfiableRange_is416WithContentRange() {
        Digest d = client.pushBlob("blobs/range416", "abc".getBytes(StandardCharsets.UTF_8));
        for (String range : new String[]{"bytes=5-9", "bytes=3-", "bytes=-0"}) {
            var r = client.send(client.request("/v2/blobs/range416/blobs/" + d).header("Range", range).GET().build());
            assertThat(r.statusCode()).as(range).isEqualTo(416);
            assertThat(r.headers().firstValue("Content-Range")).as(range).hasValue("bytes */3");
            assertThat(errorCode(r)).isEqualTo("RANGE_INVALID");
        }
    }

    /** RFC 9110 14.2: a server may ignore a Range it does not serve; the client then gets the whole blob. */
    @Test
    void multiRangeOtherUnitsAndInvalidRanges_areIgnored() {
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        Digest d = client.pushBlob("blobs/range-ignored", content);
        for (String range : new String[]{"bytes=0-1,4-5", "bytes=0-1, 20-30", "items=0-1", "bytes=x-y", "bytes=2-1", "bytes"}) {
            var r = client.send(client.request("/v2/blobs/range-ignored/blobs/" + d).header("Range", range).GET().build());
            assertThat(r.statusCode()).as(range).isEqualTo(200);
            assertThat(r.body()).as(range).isEqualTo(content);
            assertThat(r.headers().firstValue("Content-Range")).as(range).isEmpty();
        }
    }

    @Test
    void blobOfAnotherRepository_isUnknown() {
        Digest d = client.pushBlob("blobs/owner", "private".getBytes(StandardCharsets.UTF_8));
        var r = client.get("/v2/blobs/stranger/blobs/" + d);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isEqualTo("BLOB_UNKNOWN");
    }

    @Test
    void unknownAndMalformedDigests() {
        var unknown = client.get("/v2/blobs/x/blobs/sha256:" + "a".repeat(64));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("BLOB_UNKNOWN");
        for (String bad : new String[]{"sha256:abc", "md5:" + "a".repeat(32), "sha256:" + "A".repeat(64), "nocolon"}) {
            var r = client.get("/v2/blobs/x/blobs/" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(errorCode(r)).as(bad).isEqualTo("DIGEST_INVALID");
        }
    }

    @Test
    void delete_unlinksFromRepositoryOnly() {
        byte[] content = "shared".getBytes(StandardCharsets.UTF_8);
        Digest d = client.pushBlob("blobs/del-a", content);
        client.pushBlob("blobs/del-b", content);
        assertThat(client.delete("/v2/blobs/del-a/blobs/" + d).statusCode()).isEqualTo(202);
        assertThat(client.head("/v2/blobs/del-a/blobs/" + d).statusCode()).isEqualTo(404);
        assertThat(client.get("/v2/blobs/del-b/blobs/" + d).body()).isEqualTo(content);
        var again = client.delete("/v2/blobs/del-a/blobs/" + d);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(errorCode(again)).isEqualTo("BLOB_UNKNOWN");
    }

    @Test
    void largeBlob_roundTripsByteForByte() {
        byte[] content = new byte[5 * 1024 * 1024 + 7];
        new java.util.Random(42).nextBytes(content);
        Digest d = client.pushBlob("blobs/large", content);
        var r = client.get("/v2/blobs/large/blobs/" + d);
        assertThat(Arrays.equals(r.body(), content)).isTrue();
        assertThat(Digest.sha256(r.body())).isEqualTo(d);
    }

    @Test
    void sameContentInManyRepositories_isStoredOnce() throws Exception {
        byte[] content = "dedup me".getBytes(StandardCharsets.UTF_8);
        Digest d = null;
        for (int i = 0; i < 5; i++) {
            d = client.pushBlob("blobs/dedup" + i, content);
        }
        Digest digest = d;
        try (var files = java.nio.file.Files.walk(registry.root())) {
            long copies = files.filter(p -> p.getFileName().toString().equals(digest.hex())).count();
            assertThat(copies).isEqualTo(1);
        }
    }

    @Test
    void unsupportedMethod_is405Envelope() {
        Digest d = client.pushBlob("blobs/method", "m".getBytes(StandardCharsets.UTF_8));
        var r = client.send(client.request("/v2/blobs/method/blobs/" + d).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(errorCode(r)).isEqualTo("UNSUPPORTED");
    }
}
