package dev.wharf.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.SharedRegistryTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.wharf.testing.RegistryClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Tags, catalog (with pagination) and the referrers API. */
class DiscoveryApiTest extends SharedRegistryTest {
    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void tags_areListedSortedAndPaginatedByLink() {
        byte[] m = client.pushImage("disc/tags", "t00", "tags".getBytes(StandardCharsets.UTF_8));
        List<String> expected = new ArrayList<>(List.of("t00"));
        for (int i = 1; i < 25; i++) {
            String tag = String.format("t%02d", i);
            client.putManifest("disc/tags", tag, Manifests.OCI_MANIFEST, m);
            expected.add(tag);
        }
        var all = client.get("/v2/disc/tags/tags/list");
        assertThat(RegistryClient.json(all).path("name").asText()).isEqualTo("disc/tags");
        assertThat(strings(RegistryClient.json(all).path("tags"))).isEqualTo(expected);

        List<String> paged = new ArrayList<>();
        String next = "/v2/disc/tags/tags/list?n=10";
        int pages = 0;
        while (next != null && pages++ < 10) {
            var r = client.get(next);
            assertThat(r.statusCode()).isEqualTo(200);
            paged.addAll(strings(RegistryClient.json(r).path("tags")));
            next = r.headers().firstValue("Link").map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).orElse(null);
        }
        assertThat(paged).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void tags_ofUnknownRepository_isNameUnknown() {
        var r = client.get("/v2/disc/nothing/tags/list");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isEqualTo("NAME_UNKNOWN");
    }

    @Test
    void badPaginationNumbers_are400() {
        client.pushImage("disc/badn", "v", "badn".getBytes(StandardCharsets.UTF_8));
        for (String n : new String[]{"-1", "abc", "99999999999"}) {
            var r = client.get("/v2/disc/badn/tags/list?n=" + n);
            assertThat(r.statusCode()).as(n).isEqualTo(400);
            assertThat(errorCode(r)).isEqualTo("PAGINATION_NUMBER_INVALID");
        }
        assertThat(strings(RegistryClient.json(client.get("/v2/disc/badn/tags/list?n=0")).path("tags"))).isEmpty();
    }

    @Test
    void catalog_pagesThroughEveryRepository() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "disc/cat/r" + i;
            client.pushBlob(name, ("c" + i).getBytes(StandardCharsets.UTF_8));
            names.add(name);
        }
        List<String> seen = new ArrayList<>();
        String next = "/v2/_catalog?n=5";
        int pages = 0;
        while (next != null && pages++ < 100) {
            var r = client.get(next);
            seen.addAll(strings(RegistryClient.json(r).path("repositories")));
            next = r.headers().firstValue("Link").map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).orElse(null);
        }
        assertThat(seen).isSorted().containsAll(names).doesNotHaveDuplicates();
    }

    @Test
    void referrers_listArtifactsWithFilter() {
        byte[] subject = client.pushImage("disc/ref", "v1", "subject layer".getBytes(StandardCharsets.UTF_8));
        Digest subjectDigest = Digest.sha256(subject);
        Digest empty = client.pushBlob("disc/ref", "{}".getBytes(StandardCharsets.UTF_8));
        Digest sig = client.pushBlob("disc/ref", "signature".getBytes(StandardCharsets.UTF_8));
        byte[] sigManifest = Manifests.artifact("application/vnd.example.signature", empty, sig, 9,
                subjectDigest, subject.length, Manifests.OCI_MANIFEST);
        var put = client.putManifest("disc/ref", Digest.sha256(sigManifest).toString(), Manifests.OCI_MANIFEST, sigManifest);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).hasValue(subjectDigest.toString());
        Digest sbom = client.pushBlob("disc/ref", "sbom".getBytes(StandardCharsets.UTF_8));
        byte[] sbomManifest = Manifests.artifact("application/spdx+json", empty, sbom, 4,
                subjectDigest, subject.length, Manifests.OCI_MANIFEST);
        client.putManifest("disc/ref", Digest.sha256(sbomManifest).toString(), Manifests.OCI_MANIFEST, sbomManifest);

        var all = client.get("/v2/disc/ref/referrers/" + subjectDigest);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue(Manifests.OCI_INDEX);
        JsonNode index = RegistryClient.json(all);
        assertThat(index.path("manifests")).hasSize(2);
        assertThat(all.headers().firstValue("OCI-Filters-Applied")).isEmpty();

        var filtered = client.get("/v2/disc/ref/referrers/" + subjectDigest + "?artifactType=application/vnd.example.signature");
        JsonNode f = RegistryClient.json(filtered);
        assertThat(f.path("manifests")).hasSize(1);
        JsonNode d = f.path("manifests").path(0);
        assertThat(d.path("digest").asText()).isEqualTo(Digest.sha256(sigManifest).toString());
        assertThat(d.path("artifactType").asText()).isEqualTo("application/vnd.example.signature");
        assertThat(d.path("size").asLong()).isEqualTo(sigManifest.length);
        assertThat(d.path("annotations").path("org.example.kind").asText()).isEqualTo("application/vnd.example.signature");
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    }

    @Test
    void referrers_ofSubjectNotYetPushed() {
        Digest empty = client.pushBlob("disc/early", "{}".getBytes(StandardCharsets.UTF_8));
        Digest layer = client.pushBlob("disc/early", "early".getBytes(StandardCharsets.UTF_8));
        Digest future = Digest.sha256("future subject".getBytes(StandardCharsets.UTF_8));
        byte[] m = Manifests.artifact("application/vnd.example.early", empty, layer, 5, future, 123, Manifests.OCI_MANIFEST);
        var put = client.putManifest("disc/early", "sig", Manifests.OCI_MANIFEST, m);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).hasValue(future.toString());
        assertThat(RegistryClient.json(client.get("/v2/disc/early/referrers/" + future)).path("manifests")).hasSize(1);
        var none = client.get("/v2/disc/early/referrers/" + Digest.sha256(new byte[]{9}));
        assertThat(RegistryClient.json(none).path("manifests")).isEmpty();
        assertThat(client.get("/v2/disc/early/referrers/sha256:bad").statusCode()).isEqualTo(400);
    }
}
