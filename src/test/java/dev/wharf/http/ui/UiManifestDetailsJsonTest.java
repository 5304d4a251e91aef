package dev.wharf.http.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact JSON of {@code GET /ui/api/repos/{name}/-/manifests/{reference}} for an image (docs/ui-api.md). */
class UiManifestDetailsJsonTest {
    private static final String CONFIG = """
            {"created":"2024-03-01T12:00:00.1234+01:00","os":"linux","architecture":"arm64","variant":"v8",
             "config":{"Env":["PATH=/bin","A=1"],"Entrypoint":["/app"],"Cmd":["serve","--port","80"],
                       "Labels":{"z.last":"1","a.first":"2"}},
             "history":[{"created":"2024-03-01T11:00:00Z","created_by":"ADD file:abc in /","comment":"base"},
                        {"created":"not a time","created_by":"CMD [\\"serve\\"]","empty_layer":true}],
             "rootfs":{"type":"layers","diff_ids":[]}}""";

    @Test
    void imageDetails_keepTheirShape_configTimesInUtc_labelsInConfigOrder_absentFieldsLeftOut() throws Exception {
        try (TestRegistry registry = TestRegistry.start()) {
            RegistryClient data = registry.client();
            byte[] config = CONFIG.getBytes(StandardCharsets.UTF_8);
            Digest c = data.pushBlob("shape/app", config);
            byte[] layer = "shape layer".getBytes(StandardCharsets.UTF_8);
            Digest l = data.pushBlob("shape/app", layer);
            byte[] manifest = Manifests.ociManifest(c, config.length, l, layer.length);
            assertThat(data.putManifest("shape/app", "1", Manifests.OCI_MANIFEST, manifest).statusCode())
                    .isEqualTo(201);

            HttpResponse<String> r = new UiSession(registry.uri()).get("/ui/api/repos/shape/app/-/manifests/1");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode d = new ObjectMapper().readTree(r.body());

            assertThat(fieldNames(d)).containsExactly("repository", "digest", "mediaType", "totalSize",
                    "manifestSize", "pushed", "annotations", "configDigest", "configMediaType", "config", "layers",
                    "children", "referrers", "rawManifest");
            assertThat(d.path("totalSize").asLong()).isEqualTo(manifest.length + config.length + layer.length);
            assertThat(d.path("config").toString()).isEqualTo("""
                    {"created":"2024-03-01T11:00:00.123400Z","os":"linux","architecture":"arm64","variant":"v8",\
                    "env":["PATH=/bin","A=1"],"entrypoint":["/app"],"cmd":["serve","--port","80"],\
                    "labels":{"z.last":"1","a.first":"2"},\
                    "history":[{"created":"2024-03-01T11:00:00Z","createdBy":"ADD file:abc in /","comment":"base",\
                    "emptyLayer":false},{"createdBy":"CMD [\\"serve\\"]","emptyLayer":true}]}""");
            assertThat(d.path("layers").toString()).isEqualTo("[{\"digest\":\"" + l + "\",\"mediaType\":\""
                    + "application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":" + layer.length
                    + ",\"annotations\":{}}]");

            JsonNode tags = new ObjectMapper().readTree(new UiSession(registry.uri())
                    .get("/ui/api/repos/shape/app/-/tags").body()).path("tags").get(0);
            assertThat(tags.path("platforms").toString()).isEqualTo("[\"linux/arm64/v8\"]");
            assertThat(tags.path("created").asText()).isEqualTo("2024-03-01T11:00:00.123400Z");
            assertThat(tags.path("layers").asInt()).isEqualTo(1);
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
