package dev.wharf.http.v2;

import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.SharedRegistryTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** A descriptor's size must be the stored content's: layers, config and index children; nothing is stored otherwise. */
class ManifestDescriptorSizeTest extends SharedRegistryTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void layerSizeOtherThanTheStoredBlobs_isManifestInvalid_namingDigestAndBothSizes() {
        Digest config = client.pushBlob("size/layer", bytes("{}"));
        Digest layer = client.pushBlob("size/layer", bytes("five!"));
        var r = client.putManifest("size/layer", "t", Manifests.OCI_MANIFEST,
                Manifests.ociManifest(config, 2, layer, 4));
        assertRefused(r, layer, 4, 5);
        assertThat(client.get("/v2/size/layer/manifests/t").statusCode()).isEqualTo(404);
        assertThat(client.putManifest("size/layer", "t", Manifests.OCI_MANIFEST,
                Manifests.ociManifest(config, 2, layer, 5)).statusCode()).isEqualTo(201);
    }

    @Test
    void configSizeOtherThanTheStoredBlobs_isManifestInvalid() {
        Digest config = client.pushBlob("size/config", bytes("{\"a\":1}"));
        Digest layer = client.pushBlob("size/config", bytes("layer"));
        var r = client.putManifest("size/config", "t", Manifests.DOCKER_MANIFEST,
                Manifests.dockerManifest(config, 70, layer, 5));
        assertRefused(r, config, 70, 7);
    }

    @Test
    void indexChildSizeOtherThanTheStoredManifests_isManifestInvalid() {
        byte[] child = client.pushImage("size/index", "amd64", bytes("child layer"));
        String wrong = new String(Manifests.index(Manifests.OCI_INDEX, child), StandardCharsets.UTF_8)
                .replace("\"size\":" + child.length, "\"size\":" + (child.length + 1));
        var r = client.putManifest("size/index", "multi", Manifests.OCI_INDEX, bytes(wrong));
        assertRefused(r, Digest.sha256(child), child.length + 1, child.length);
        assertThat(client.putManifest("size/index", "multi", Manifests.OCI_INDEX,
                Manifests.index(Manifests.OCI_INDEX, child)).statusCode()).isEqualTo(201);
    }

    private static void assertRefused(HttpResponse<byte[]> r, Digest digest, long declared, long stored) {
        assertThat(r.statusCode()).as(RegistryClient.text(r)).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("MANIFEST_INVALID");
        var detail = RegistryClient.json(r).path("errors").path(0).path("detail");
        assertThat(detail.path("digest").asText()).isEqualTo(digest.toString());
        assertThat(detail.path("declaredSize").asLong()).isEqualTo(declared);
        assertThat(detail.path("storedSize").asLong()).isEqualTo(stored);
    }
}
