package dev.wharf.clients;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * skopeo (containers/image, as podman and buildah use it) as a real client. Images come from OCI layouts written
 * on disk by {@link OciLayout}, so nothing is fetched from the network; skopeo talks to Wharf over plain HTTP
 * ({@code --tls-verify=false}) through a {@link RecordingProxy} whose transcript a failure shows.
 */
@Tag("slow")
class SkopeoClientTest {
    static TestRegistry registry;
    static RegistryClient client;
    static RecordingProxy proxy;

    @TempDir
    static Path tmp;

    static Path authFile;

    @BeforeAll
    static void start() throws Exception {
        Cli.assumeInstalled("skopeo");
        registry = TestRegistry.start();
        client = registry.client();
        proxy = RecordingProxy.start(registry.hostPort());
        authFile = tmp.resolve("auth.json");
        Files.writeString(authFile, "{\"auths\":{}}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void clearTranscript() {
        proxy.clear();
    }

    private static String docker(String repoAndRef) {
        return "docker://" + proxy.hostPort() + "/" + repoAndRef;
    }

    /** Runs skopeo; on a non-zero exit fails with its output and the HTTP exchanges Wharf saw. */
    private static Cli.Result skopeo(String... args) {
        Cli.Result r = trySkopeo(args);
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new AssertionError("skopeo failed:\n" + r.describe() + "\n" + proxy.transcript());
        }
        return r;
    }

    private static Cli.Result trySkopeo(String... args) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "--tmpdir", tmp.toString()));
        cmd.addAll(List.of(args));
        return Cli.run(cmd, Map.of("REGISTRY_AUTH_FILE", authFile.toString()), Cli.DEFAULT_TIMEOUT);
    }

    private static JsonNode json(Cli.Result r) throws IOException {
        return OciLayout.JSON.readTree(r.stdout());
    }

    private static OciLayout.Image singleImage(OciLayout layout, String marker) throws IOException {
        return layout.writeImage("linux", "amd64",
                Map.of("app/hello", ("#!/bin/sh\necho " + marker + "\n").getBytes(StandardCharsets.UTF_8),
                        "app/data/notes.txt", ("notes for " + marker + "\n").repeat(50).getBytes(StandardCharsets.UTF_8)),
                Map.of("org.example.marker", marker));
    }

    /** Checks that {@code out} (an OCI layout written by skopeo) holds byte-identical copies of {@code image}. */
    private static void assertSameImage(Path out, OciLayout.Image image) throws IOException {
        assertThat(OciLayout.readBlob(out, image.manifest().digest())).isEqualTo(image.manifest().bytes());
        assertThat(OciLayout.readBlob(out, image.config().digest())).isEqualTo(image.config().bytes());
        for (OciLayout.Blob layer : image.layers()) {
            assertThat(OciLayout.readBlob(out, layer.digest())).isEqualTo(layer.bytes());
        }
    }

    @Test
    void ociLayout_singlePlatform_copiedInAndOut_keepsEveryDigest() throws Exception {
        OciLayout src = OciLayout.create(tmp.resolve("single-src"));
        OciLayout.Image image = singleImage(src, "single");
        src.tag("v1", image.manifest());
        Path digestFile = tmp.resolve("single.digest");

        skopeo("copy", "--dest-tls-verify=false", "--preserve-digests", "--digestfile", digestFile.toString(),
                "oci:" + src.dir() + ":v1", docker("skopeo/single:v1"));
        assertThat(Files.readString(digestFile).trim()).isEqualTo(image.manifest().digest());

        // Wharf serves the manifest byte for byte, under the same digest, with every blob verifying
        ImageCheck.Served served = ImageCheck.manifest(client, "skopeo/single", "v1");
        assertThat(served.digest()).isEqualTo(image.manifest().digest());
        assertThat(served.bytes()).isEqualTo(image.manifest().bytes());
        ImageCheck.imageBlobs(client, "skopeo/single", served.json());

        Cli.Result raw = skopeo("inspect", "--raw", "--tls-verify=false", docker("skopeo/single:v1"));
        assertThat(raw.stdout()).isEqualTo(image.manifest().bytes());
        JsonNode inspect = json(skopeo("inspect", "--tls-verify=false", docker("skopeo/single:v1")));
        assertThat(inspect.path("Digest").asText()).isEqualTo(image.manifest().digest());
        assertThat(inspect.path("Architecture").asText()).isEqualTo("amd64");
        assertThat(inspect.path("Labels").path("org.example.marker").asText()).isEqualTo("single");
        assertThat(inspect.path("Layers").get(0).asText()).isEqualTo(image.layers().get(0).digest());
        JsonNode byDigest = json(skopeo("inspect", "--tls-verify=false",
                docker("skopeo/single@" + image.manifest().digest())));
        assertThat(byDigest.path("Digest").asText()).isEqualTo(image.manifest().digest());

        // and back out into a fresh layout: same manifest digest and identical blobs
        Path out = tmp.resolve("single-out");
        skopeo("copy", "--src-tls-verify=false", "--preserve-digests", docker("skopeo/single:v1"), "oci:" + out + ":v1");
        JsonNode ref = OciLayout.refDescriptor(out, "v1");
        assertThat(ref.path("digest").asText()).isEqualTo(image.manifest().digest());
        assertThat(ref.path("mediaType").asText()).isEqualTo(OciLayout.OCI_MANIFEST);
        assertThat(ref.path("size").asLong()).isEqualTo(image.manifest().size());
        assertSameImage(out, image);
    }

    @Test
    void ociLayout_multiPlatformIndex_copiedWithAll_keepsIndexAndChildDigests() throws Exception {
        OciLayout src = OciLayout.create(tmp.resolve("multi-src"));
        OciLayout.Image amd64 = src.writeImage("linux", "amd64",
                Map.of("app/hello", "amd64\n".getBytes(StandardCharsets.UTF_8)), Map.of("org.example.arch", "amd64"));
        OciLayout.Image arm64 = src.writeImage("linux", "arm64",
                Map.of("app/hello", "arm64\n".getBytes(StandardCharsets.UTF_8)), Map.of("org.example.arch", "arm64"));
        OciLayout.Blob index = src.writeIndex(List.of(amd64, arm64));
        src.tag("multi", index);
        Path digestFile = tmp.resolve("multi.digest");

        skopeo("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "--digestfile", digestFile.toString(),
                "oci:" + src.dir() + ":multi", docker("skopeo/multi:m"));
        assertThat(Files.readString(digestFile).trim()).isEqualTo(index.digest());

        ImageCheck.Served served = ImageCheck.manifest(client, "skopeo/multi", "m");
        assertThat(served.digest()).isEqualTo(index.digest());
        assertThat(served.mediaType()).isEqualTo(OciLayout.OCI_INDEX);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", docker("skopeo/multi:m")).stdout())
                .isEqualTo(index.bytes());
        for (OciLayout.Image child : List.of(amd64, arm64)) {
            assertThat(skopeo("inspect", "--raw", "--tls-verify=false",
                    docker("skopeo/multi@" + child.manifest().digest())).stdout())
                    .as("child %s", child.architecture()).isEqualTo(child.manifest().bytes());
            ImageCheck.imageBlobs(client, "skopeo/multi",
                    ImageCheck.manifest(client, "skopeo/multi", child.manifest().digest()).json());
        }
        // skopeo resolves the index to the platform asked for
        JsonNode arm = json(skopeo("--override-arch", "arm64", "inspect", "--tls-verify=false", docker("skopeo/multi:m")));
        assertThat(arm.path("Architecture").asText()).isEqualTo("arm64");
        assertThat(arm.path("Labels").path("org.example.arch").asText()).isEqualTo("arm64");

        // copy everything back out: the layout names the same index, and every blob is identical
        Path out = tmp.resolve("multi-out");
        skopeo("copy", "--all", "--preserve-digests", "--src-tls-verify=false", docker("skopeo/multi:m"),
                "oci:" + out + ":m");
        JsonNode ref = OciLayout.refDescriptor(out, "m");
        assertThat(ref.path("digest").asText()).isEqualTo(index.digest());
        assertThat(ref.path("mediaType").asText()).isEqualTo(OciLayout.OCI_INDEX);
        assertThat(OciLayout.readBlob(out, index.digest())).isEqualTo(index.bytes());
        assertSameImage(out, amd64);
        assertSameImage(out, arm64);

        // one platform only: the layout names that platform's manifest
        Path one = tmp.resolve("multi-arm64");
        skopeo("--override-arch", "arm64", "copy", "--src-tls-verify=false", docker("skopeo/multi:m"),
                "oci:" + one + ":arm");
        assertThat(OciLayout.refDescriptor(one, "arm").path("digest").asText()).isEqualTo(arm64.manifest().digest());
        assertSameImage(one, arm64);
    }

    @Test
    void dockerSchema2_fromFormatConversionAndDockerArchive_roundTrips() throws Exception {
        OciLayout src = OciLayout.create(tmp.resolve("v2s2-src"));
        OciLayout.Image image = singleImage(src, "v2s2");
        src.tag("v1", image.manifest());
        OciLayout.Image amd64 = src.writeImage("linux", "amd64",
                Map.of("app/hello", "list amd64\n".getBytes(StandardCharsets.UTF_8)), Map.of());
        OciLayout.Image arm64 = src.writeImage("linux", "arm64",
                Map.of("app/hello", "list arm64\n".getBytes(StandardCharsets.UTF_8)), Map.of());
        src.tag("multi", src.writeIndex(List.of(amd64, arm64)));

        // OCI → Docker schema 2 on the way in
        Path digestFile = tmp.resolve("v2s2.digest");
        skopeo("copy", "--dest-tls-verify=false", "--format", "v2s2", "--digestfile", digestFile.toString(),
                "oci:" + src.dir() + ":v1", docker("skopeo/v2s2:v1"));
        ImageCheck.Served v2s2 = ImageCheck.manifest(client, "skopeo/v2s2", "v1");
        assertThat(v2s2.mediaType()).isEqualTo(Manifests.DOCKER_MANIFEST);
        assertThat(v2s2.digest()).isEqualTo(Files.readString(digestFile).trim());
        assertThat(v2s2.json().path("config").path("mediaType").asText())
                .isEqualTo("application/vnd.docker.container.image.v1+json");
        assertThat(v2s2.json().path("config").path("digest").asText()).isEqualTo(image.config().digest());
        ImageCheck.imageBlobs(client, "skopeo/v2s2", v2s2.json());
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", docker("skopeo/v2s2:v1")).stdout())
                .isEqualTo(v2s2.bytes());

        // an OCI index → a Docker manifest list of schema 2 manifests
        skopeo("copy", "--all", "--format", "v2s2", "--dest-tls-verify=false",
                "oci:" + src.dir() + ":multi", docker("skopeo/v2s2:list"));
        ImageCheck.Served list = ImageCheck.manifest(client, "skopeo/v2s2", "list");
        assertThat(list.mediaType()).isEqualTo(Manifests.DOCKER_LIST);
        assertThat(list.json().path("manifests")).hasSize(2);
        for (JsonNode child : list.json().path("manifests")) {
            ImageCheck.Served m = ImageCheck.manifest(client, "skopeo/v2s2", child.path("digest").asText());
            assertThat(m.mediaType()).isEqualTo(Manifests.DOCKER_MANIFEST);
            assertThat((long) m.bytes().length).isEqualTo(child.path("size").asLong());
            ImageCheck.imageBlobs(client, "skopeo/v2s2", m.json());
        }

        // docker-archive (docker save format, uncompressed layers) → Wharf → docker-archive
        Path archive = tmp.resolve("in.tar");
        skopeo("copy", "oci:" + src.dir() + ":v1", "docker-archive:" + archive + ":skopeo/archive:v1");
        Path archiveDigest = tmp.resolve("archive.digest");
        skopeo("copy", "--dest-tls-verify=false", "--digestfile", archiveDigest.toString(),
                "docker-archive:" + archive, docker("skopeo/archive:v1"));
        ImageCheck.Served fromArchive = ImageCheck.manifest(client, "skopeo/archive", "v1");
        assertThat(fromArchive.mediaType()).isEqualTo(Manifests.DOCKER_MANIFEST);
        assertThat(fromArchive.digest()).isEqualTo(Files.readString(archiveDigest).trim());
        assertThat(fromArchive.json().path("config").path("digest").asText()).isEqualTo(image.config().digest());
        ImageCheck.imageBlobs(client, "skopeo/archive", fromArchive.json());

        Path back = tmp.resolve("out.tar");
        skopeo("copy", "--src-tls-verify=false", docker("skopeo/archive:v1"), "docker-archive:" + back + ":skopeo/back:v1");
        Map<String, byte[]> saved = ImageCheck.untar(Files.readAllBytes(back));
        JsonNode savedManifest = OciLayout.JSON.readTree(saved.get("manifest.json")).get(0);
        byte[] savedConfig = saved.get(savedManifest.path("Config").asText());
        assertThat(savedConfig).as("config in %s: %s", back, saved.keySet()).isEqualTo(image.config().bytes());
        byte[] savedLayer = saved.get(savedManifest.path("Layers").get(0).asText());
        String diffId = OciLayout.JSON.readTree(image.config().bytes()).path("rootfs").path("diff_ids").get(0).asText();
        assertThat(Digest.sha256(savedLayer).toString()).as("uncompressed layer = diff_id").isEqualTo(diffId);
    }

    @Test
    void listTags_andDelete() throws Exception {
        OciLayout src = OciLayout.create(tmp.resolve("tags-src"));
        OciLayout.Image kept = singleImage(src, "kept");
        OciLayout.Image doomed = singleImage(src, "doomed");
        src.tag("kept", kept.manifest());
        src.tag("doomed", doomed.manifest());
        skopeo("copy", "--dest-tls-verify=false", "oci:" + src.dir() + ":kept", docker("skopeo/tags:a"));
        // registry → registry, within Wharf: the blobs are already there
        skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false", docker("skopeo/tags:a"), docker("skopeo/tags:b"));
        skopeo("copy", "--dest-tls-verify=false", "oci:" + src.dir() + ":doomed", docker("skopeo/tags:doomed"));
        assertThat(ImageCheck.manifest(client, "skopeo/tags", "b").digest()).isEqualTo(kept.manifest().digest());

        JsonNode tags = json(skopeo("list-tags", "--tls-verify=false", docker("skopeo/tags")));
        assertThat(tags.path("Repository").asText()).isEqualTo(proxy.hostPort() + "/skopeo/tags");
        List<String> names = new ArrayList<>();
        tags.path("Tags").forEach(t -> names.add(t.asText()));
        assertThat(names).containsExactlyInAnyOrder("a", "b", "doomed");

        // skopeo delete resolves the tag and DELETEs the manifest by digest (deletes are enabled by default)
        skopeo("delete", "--tls-verify=false", docker("skopeo/tags:doomed"));
        assertThat(proxy.exchanges()).as(proxy.transcript()).anyMatch(e -> e.method().equals("DELETE")
                && e.target().equals("/v2/skopeo/tags/manifests/" + doomed.manifest().digest()) && e.status() == 202);
        Cli.Result gone = trySkopeo("inspect", "--raw", "--tls-verify=false", docker("skopeo/tags:doomed"));
        assertThat(gone.exitCode()).as(gone.describe()).isNotZero();
        assertThat(gone.stderr().toLowerCase()).as(gone.describe()).contains("manifest unknown");
        var byDigest = client.get("/v2/skopeo/tags/manifests/" + doomed.manifest().digest());
        assertThat(byDigest.statusCode()).isEqualTo(404);
        assertThat(RegistryClient.errorCode(byDigest)).isEqualTo("MANIFEST_UNKNOWN");

        List<String> after = new ArrayList<>();
        json(skopeo("list-tags", "--tls-verify=false", docker("skopeo/tags"))).path("Tags").forEach(t -> after.add(t.asText()));
        assertThat(after).containsExactlyInAnyOrder("a", "b");
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", docker("skopeo/tags:a")).stdout())
                .isEqualTo(kept.manifest().bytes());
    }

    @Test
    void copyBetweenRepositories_mountsBlobsInsteadOfUploading() throws Exception {
        OciLayout src = OciLayout.create(tmp.resolve("mount-src"));
        OciLayout.Image image = singleImage(src, "mount");
        src.tag("v1", image.manifest());
        skopeo("copy", "--dest-tls-verify=false", "oci:" + src.dir() + ":v1", docker("skopeo/mount-from:v1"));
        assertThat(client.head("/v2/skopeo/mount-to/blobs/" + image.layers().get(0).digest()).statusCode())
                .as("a blob is visible only in repositories that link it").isEqualTo(404);

        proxy.clear();
        skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--preserve-digests",
                docker("skopeo/mount-from:v1"), docker("skopeo/mount-to:v1"));
        ImageCheck.Served copied = ImageCheck.manifest(client, "skopeo/mount-to", "v1");
        assertThat(copied.bytes()).isEqualTo(image.manifest().bytes());
        ImageCheck.imageBlobs(client, "skopeo/mount-to", copied.json());

        // containers/image knows where it read the layer, so it asks Wharf to mount it rather than upload it
        List<RecordingProxy.Exchange> exchanges = proxy.exchanges();
        String layer = image.layers().get(0).digest();
        assertThat(exchanges).as(proxy.transcript()).anyMatch(e -> e.method().equals("POST")
                && e.target().startsWith("/v2/skopeo/mount-to/blobs/uploads/?")
                && e.target().contains("mount=" + layer.replace(":", "%3A"))
                && e.target().contains("from=skopeo%2Fmount-from")
                && e.status() == 201);
        assertThat(exchanges).as(proxy.transcript()).noneMatch(e -> e.method().equals("PUT")
                && e.target().startsWith("/v2/skopeo/mount-to/blobs/uploads/")
                && (e.target().contains(layer) || e.target().contains(layer.replace(":", "%3A"))));
    }

    @Test
    void imageWithReferrer_stillInspectsAndCopies() throws Exception {
        OciLayout src = OciLayout.create(tmp.resolve("subject-src"));
        OciLayout.Image image = singleImage(src, "subject");
        src.tag("v1", image.manifest());
        skopeo("copy", "--dest-tls-verify=false", "oci:" + src.dir() + ":v1", docker("skopeo/subject:v1"));

        // an ORAS-style artifact (empty config, artifactType) whose subject is the image, pushed over raw HTTP
        Digest empty = client.pushBlob("skopeo/subject", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] sbom = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
        Digest sbomDigest = client.pushBlob("skopeo/subject", sbom);
        byte[] artifact = Manifests.artifact("application/spdx+json", empty, sbomDigest, sbom.length,
                Digest.parse(image.manifest().digest()), image.manifest().size(), Manifests.OCI_MANIFEST);
        var put = client.putManifest("skopeo/subject", Digest.sha256(artifact).toString(), Manifests.OCI_MANIFEST, artifact);
        assertThat(put.statusCode()).as(RegistryClient.text(put)).isEqualTo(201);

        // the image itself is unchanged for clients that know nothing of referrers
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false", docker("skopeo/subject:v1")).stdout())
                .isEqualTo(image.manifest().bytes());
        assertThat(json(skopeo("inspect", "--tls-verify=false", docker("skopeo/subject:v1"))).path("Digest").asText())
                .isEqualTo(image.manifest().digest());
        Path out = tmp.resolve("subject-out");
        skopeo("copy", "--src-tls-verify=false", "--preserve-digests", docker("skopeo/subject:v1"), "oci:" + out + ":v1");
        assertSameImage(out, image);
        assertThat(skopeo("inspect", "--raw", "--tls-verify=false",
                docker("skopeo/subject@" + Digest.sha256(artifact))).stdout()).isEqualTo(artifact);

        // and the referrers API lists the artifact
        JsonNode referrers = RegistryClient.json(client.get("/v2/skopeo/subject/referrers/" + image.manifest().digest()));
        assertThat(referrers.path("manifests")).hasSize(1);
        assertThat(referrers.path("manifests").get(0).path("digest").asText()).isEqualTo(Digest.sha256(artifact).toString());
        assertThat(referrers.path("manifests").get(0).path("artifactType").asText()).isEqualTo("application/spdx+json");
    }
}
