package dev.wharf.http.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.Manifests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The UI's JSON and pages for every kind of manifest beside a plain image: an OCI index and a Docker manifest
 * list without {@code artifactType} (every ordinary multi-platform image), an OCI artifact, and a signature
 * referring to the index.
 */
class UiManifestKindsHttpTest {
    static UiServer server;
    static ManifestKinds kinds;
    static UiSession admin;

    @BeforeAll
    static void start() throws Exception {
        server = new UiServer();
        kinds = new ManifestKinds(server.client());
        admin = new UiSession(server.uri());
        assertThat(admin.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static JsonNode manifest(String reference) throws Exception {
        HttpResponse<String> r = admin.get("/ui/api/repos/" + ManifestKinds.REPO + "/-/manifests/" + reference);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    private static List<List<String>> children(JsonNode details) {
        List<List<String>> out = new ArrayList<>();
        details.path("children").forEach(c -> out.add(List.of(c.path("platform").asText(), c.path("digest").asText())));
        return out;
    }

    private static List<List<String>> expected(List<ManifestKinds.Child> children) {
        return children.stream().map(c -> List.of(c.platform(), c.digest().toString())).toList();
    }

    @Test
    void ociIndexWithoutArtifactType_listsPlatformsWithDigests_andItsSignature() throws Exception {
        JsonNode d = manifest(ManifestKinds.INDEX_TAG);
        assertThat(d.path("digest").asText()).isEqualTo(kinds.index.toString());
        assertThat(d.path("mediaType").asText()).isEqualTo(Manifests.OCI_INDEX);
        assertThat(d.path("artifactType").isMissingNode()).as("a multi-platform image is no artifact").isTrue();
        assertThat(children(d)).isEqualTo(expected(kinds.indexChildren));
        assertThat(d.path("children").get(0).path("mediaType").asText()).isEqualTo(Manifests.OCI_MANIFEST);
        assertThat(d.path("layers")).isEmpty();
        long total = d.path("manifestSize").asLong()
                + kinds.indexChildren.stream().mapToLong(ManifestKinds.Child::totalSize).sum();
        assertThat(d.path("totalSize").asLong()).as("the index plus its children").isEqualTo(total);
        assertThat(d.path("referrers")).extracting(r -> tuple(r.path("digest").asText(), r.path("artifactType").asText()))
                .containsExactly(tuple(kinds.signature.toString(), ManifestKinds.SIGNATURE_TYPE));
    }

    @Test
    void dockerManifestList_listsPlatformsWithDigests() throws Exception {
        JsonNode d = manifest(ManifestKinds.LIST_TAG);
        assertThat(d.path("digest").asText()).isEqualTo(kinds.list.toString());
        assertThat(d.path("mediaType").asText()).isEqualTo(Manifests.DOCKER_LIST);
        assertThat(d.path("artifactType").isMissingNode()).isTrue();
        assertThat(children(d)).isEqualTo(expected(kinds.listChildren));
        assertThat(d.path("children").get(1).path("mediaType").asText()).isEqualTo(Manifests.DOCKER_MANIFEST);
        assertThat(d.path("referrers")).isEmpty();
    }

    @Test
    void artifact_showsItsArtifactTypeAndEmptyConfig() throws Exception {
        JsonNode d = manifest(ManifestKinds.ARTIFACT_TAG);
        assertThat(d.path("digest").asText()).isEqualTo(kinds.artifact.toString());
        assertThat(d.path("mediaType").asText()).isEqualTo(Manifests.OCI_MANIFEST);
        assertThat(d.path("artifactType").asText()).isEqualTo(ManifestKinds.SBOM_TYPE);
        assertThat(d.path("configMediaType").asText()).isEqualTo(ManifestKinds.EMPTY_CONFIG);
        assertThat(d.path("layers").get(0).path("mediaType").asText()).isEqualTo("application/spdx+json");
        assertThat(d.path("subject").isMissingNode()).isTrue();
        assertThat(d.path("children")).isEmpty();
    }

    @Test
    void signature_namesItsSubject() throws Exception {
        for (String reference : new String[]{kinds.signature.toString(), kinds.signatureTag}) {
            JsonNode d = manifest(reference);
            assertThat(d.path("digest").asText()).as(reference).isEqualTo(kinds.signature.toString());
            assertThat(d.path("artifactType").asText()).isEqualTo(ManifestKinds.SIGNATURE_TYPE);
            assertThat(d.path("subject").asText()).isEqualTo(kinds.index.toString());
            assertThat(d.path("layers").get(0).path("mediaType").asText())
                    .isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
        }
    }

    @Test
    void tagsOfTheRepository_coverEveryKind() throws Exception {
        HttpResponse<String> r = admin.get("/ui/api/repos/" + ManifestKinds.REPO + "/-/tags");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode tags = new ObjectMapper().readTree(r.body()).path("tags");
        assertThat(tags).extracting(t -> tuple(t.path("tag").asText(), t.path("digest").asText(),
                        t.path("platforms").toString()))
                .containsExactlyInAnyOrder(
                        tuple(ManifestKinds.INDEX_TAG, kinds.index.toString(), "[\"linux/amd64\",\"linux/arm64/v8\"]"),
                        tuple(ManifestKinds.LIST_TAG, kinds.list.toString(), "[\"linux/amd64\",\"linux/arm/v7\"]"),
                        tuple(ManifestKinds.ARTIFACT_TAG, kinds.artifact.toString(), "[]"),
                        tuple(kinds.signatureTag, kinds.signature.toString(), "[]"));
    }

    @Test
    void everyPageOfTheRepository_renders() {
        String repo = "/ui/repos/" + ManifestKinds.REPO;
        assertThat(admin.get(repo).statusCode()).isEqualTo(200);
        assertThat(admin.get("/ui/repositories?q=kinds").body()).contains(ManifestKinds.REPO);
        for (String reference : new String[]{ManifestKinds.INDEX_TAG, ManifestKinds.LIST_TAG,
                ManifestKinds.ARTIFACT_TAG, kinds.signatureTag, kinds.signature.toString(),
                kinds.indexChildren.get(1).digest().toString(), kinds.listChildren.get(0).digest().toString()}) {
            HttpResponse<String> page = admin.get(repo + "/-/manifests/" + reference);
            assertThat(page.statusCode()).as(reference + ": " + page.body()).isEqualTo(200);
        }
    }
}
