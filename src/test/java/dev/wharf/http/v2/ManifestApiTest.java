package dev.wharf.http.v2;

import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.SharedRegistryTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

class ManifestApiTest extends SharedRegistryTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ociManifest_putGetHeadByTagAndDigest() {
        byte[] m = client.pushImage("man/oci", "v1", bytes("layer-oci"));
        Digest d = Digest.sha256(m);
        for (String ref : new String[]{"v1", d.toString()}) {
            var get = client.get("/v2/man/oci/manifests/" + ref);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(m);
            assertThat(get.headers().firstValue("Content-Type")).hasValue(Manifests.OCI_MANIFEST);
            assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
            var head = client.head("/v2/man/oci/manifests/" + ref);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(m.length));
        }
    }

    @Test
    void put_answersLocationAndDigest() {
        Digest c = client.pushBlob("man/loc", bytes("{}"));
        Digest l = client.pushBlob("man/loc", bytes("l"));
        byte[] m = Manifests.dockerManifest(c, 2, l, 1);
        var r = client.putManifest("man/loc", "latest", Manifests.DOCKER_MANIFEST, m);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValue("/v2/man/loc/manifests/" + Digest.sha256(m));
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.sha256(m).toString());
        assertThat(client.get("/v2/man/loc/manifests/latest").headers().firstValue("Content-Type")).hasValue(Manifests.DOCKER_MANIFEST);
    }

    @Test
    void putByDigest_mustMatchContent() {
        Digest c = client.pushBlob("man/bydigest", bytes("{}"));
        Digest l = client.pushBlob("man/bydigest", bytes("l2"));
        byte[] m = Manifests.ociManifest(c, 2, l, 2);
        assertThat(client.putManifest("man/bydigest", Digest.sha256(m).toString(), Manifests.OCI_MANIFEST, m).statusCode()).isEqualTo(201);
        var wrong = client.putManifest("man/bydigest", Digest.sha256(bytes("x")).toString(), Manifests.OCI_MANIFEST, m);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(errorCode(wrong)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void missingBlob_isManifestBlobUnknownAndNothingStored() {
        Digest c = client.pushBlob("man/missing", bytes("{}"));
        Digest absent = Digest.sha256(bytes("never pushed"));
        var r = client.putManifest("man/missing", "t", Manifests.OCI_MANIFEST, Manifests.ociManifest(c, 2, absent, 12));
        assertThat(r.statusCode()).isEqualTo(400); // the spec's error table and CNCF Distribution: 400, not 404
        assertThat(errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(RegistryClient.json(r).path("errors").path(0).path("detail").toString()).contains(absent.toString());
        assertThat(client.get("/v2/man/missing/manifests/t").statusCode()).isEqualTo(404);
    }

    @Test
    void blobOfAnotherRepository_doesNotSatisfyAManifest() {
        Digest c = client.pushBlob("man/other-a", bytes("{}"));
        Digest l = client.pushBlob("man/other-a", bytes("only in a"));
        client.pushBlob("man/other-b", bytes("{}"));
        var r = client.putManifest("man/other-b", "t", Manifests.OCI_MANIFEST, Manifests.ociManifest(c, 2, l, 9));
        assertThat(errorCode(r)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void index_requiresChildren_thenServesThem() {
        byte[] a = client.pushImage("man/index", "amd64", bytes("layer-a"));
        byte[] b = client.pushImage("man/index", "arm64", bytes("layer-b"));
        Digest missing = Digest.sha256(bytes("no such child"));
        var bad = client.putManifest("man/index", "multi", Manifests.OCI_INDEX,
                Manifests.index(Manifests.OCI_INDEX, a, bytes("no such child")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorCode(bad)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(RegistryClient.json(bad).path("errors").path(0).path("detail").toString()).contains(missing.toString());
        byte[] index = Manifests.index(Manifests.OCI_INDEX, a, b);
        assertThat(client.putManifest("man/index", "multi", Manifests.OCI_INDEX, index).statusCode()).isEqualTo(201);
        assertThat(client.get("/v2/man/index/manifests/multi").body()).isEqualTo(index);
        byte[] list = Manifests.index(Manifests.DOCKER_LIST, a, b);
        assertThat(client.putManifest("man/index", "list", Manifests.DOCKER_LIST, list).statusCode()).isEqualTo(201);
        assertThat(client.get("/v2/man/index/manifests/list").headers().firstValue("Content-Type")).hasValue(Manifests.DOCKER_LIST);
    }

    @Test
    void indexWithTenThousandEntries_isAccepted() {
        byte[] child = client.pushImage("man/huge", "child", bytes("huge child"));
        byte[][] children = new byte[10_000][];
        java.util.Arrays.fill(children, child);
        byte[] index = Manifests.index(Manifests.OCI_INDEX, children);
        var r = client.putManifest("man/huge", "big", Manifests.OCI_INDEX, index);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(client.get("/v2/man/huge/manifests/big").body()).isEqualTo(index);
    }

    @Test
    void acceptNegotiation() {
        client.pushImage("man/accept", "v1", bytes("accept layer"));
        var docker = client.send(client.request("/v2/man/accept/manifests/v1").header("Accept", Manifests.DOCKER_MANIFEST).GET().build());
        assertThat(docker.statusCode()).isEqualTo(404);
        assertThat(errorCode(docker)).isEqualTo("MANIFEST_UNKNOWN");
        var both = client.send(client.request("/v2/man/accept/manifests/v1")
                .header("Accept", Manifests.DOCKER_MANIFEST + ", " + Manifests.OCI_MANIFEST).GET().build());
        assertThat(both.statusCode()).isEqualTo(200);
        var any = client.send(client.request("/v2/man/accept/manifests/v1").header("Accept", "*/*").GET().build());
        assertThat(any.statusCode()).isEqualTo(200);
    }

    @Test
    void tagMoves_andOldDigestStaysPullable() {
        byte[] first = client.pushImage("man/move", "latest", bytes("one"));
        byte[] second = client.pushImage("man/move", "latest", bytes("two"));
        assertThat(client.get("/v2/man/move/manifests/latest").body()).isEqualTo(second);
        assertThat(client.get("/v2/man/move/manifests/" + Digest.sha256(first)).body()).isEqualTo(first);
    }

    @Test
    void deleteByTag_keepsManifest_deleteByDigest_removesTags() {
        byte[] m = client.pushImage("man/del", "a", bytes("del"));
        Digest d = Digest.sha256(m);
        client.putManifest("man/del", "b", Manifests.OCI_MANIFEST, m);
        assertThat(client.delete("/v2/man/del/manifests/a").statusCode()).isEqualTo(202);
        assertThat(client.get("/v2/man/del/manifests/a").statusCode()).isEqualTo(404);
        assertThat(client.get("/v2/man/del/manifests/b").statusCode()).isEqualTo(200);
        assertThat(client.delete("/v2/man/del/manifests/" + d).statusCode()).isEqualTo(202);
        assertThat(client.get("/v2/man/del/manifests/b").statusCode()).isEqualTo(404);
        var again = client.delete("/v2/man/del/manifests/" + d);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(errorCode(again)).isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void invalidManifests_areManifestInvalid() {
        Digest c = client.pushBlob("man/invalid", bytes("{}"));
        String[] bodies = {
                "", "not json", "[]", "{\"schemaVersion\":1}",
                "{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\"}",
                "{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"x/y\",\"digest\":\"sha256:zz\",\"size\":2},\"layers\":[]}",
                "{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"x/y\",\"digest\":\"" + c + "\",\"size\":-1},\"layers\":[]}",
                "{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"x/y\",\"digest\":\"" + c + "\",\"size\":2},\"layers\":[]} trailing",
        };
        for (String body : bodies) {
            var r = client.putManifest("man/invalid", "t", Manifests.OCI_MANIFEST, bytes(body));
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(errorCode(r)).as(body).isEqualTo("MANIFEST_INVALID");
        }
    }

    @Test
    void wrongMediaTypes_areManifestInvalid() {
        Digest c = client.pushBlob("man/mediatype", bytes("{}"));
        Digest l = client.pushBlob("man/mediatype", bytes("ml"));
        byte[] m = Manifests.ociManifest(c, 2, l, 2);
        var mismatch = client.putManifest("man/mediatype", "t", Manifests.DOCKER_MANIFEST, m);
        assertThat(errorCode(mismatch)).isEqualTo("MANIFEST_INVALID");
        var schema1 = client.putManifest("man/mediatype", "t", "application/vnd.docker.distribution.manifest.v1+prettyjws",
                bytes("{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"t\",\"fsLayers\":[]}"));
        assertThat(errorCode(schema1)).isEqualTo("MANIFEST_INVALID");
    }

    @Test
    void oversizedManifest_isSizeInvalid() {
        byte[] big = new byte[4 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        var r = client.putManifest("man/big", "t", Manifests.OCI_MANIFEST, big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(errorCode(r)).isEqualTo("SIZE_INVALID");
    }

    @Test
    void invalidTag_isRefusedOnPut() {
        var r = client.putManifest("man/tag", "-bad", Manifests.OCI_MANIFEST, bytes("{}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("TAG_INVALID");
    }

    /** A reference that is neither a tag nor a digest names no manifest: the spec says not found MUST be 404. */
    @Test
    void invalidReference_getHeadDelete_are404ManifestUnknown() {
        client.pushImage("man/badref", "v1", bytes("badref layer"));
        for (String ref : new String[]{"-bad", "a".repeat(129), "sha256:zz", "md5:" + "a".repeat(32), "t%21"}) {
            String path = "/v2/man/badref/manifests/" + ref;
            var get = client.get(path);
            assertThat(get.statusCode()).as("GET " + ref).isEqualTo(404);
            assertThat(errorCode(get)).as("GET " + ref).isEqualTo("MANIFEST_UNKNOWN");
            assertThat(client.head(path).statusCode()).as("HEAD " + ref).isEqualTo(404);
            var delete = client.delete(path);
            assertThat(delete.statusCode()).as("DELETE " + ref).isEqualTo(404);
            assertThat(errorCode(delete)).as("DELETE " + ref).isEqualTo("MANIFEST_UNKNOWN");
        }
        assertThat(client.get("/v2/man/badref/manifests/v1").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownManifest_is404() {
        var r = client.get("/v2/man/none/manifests/latest");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isEqualTo("MANIFEST_UNKNOWN");
    }
}
