package dev.wharf.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jib core as a real client: it talks to Wharf over plain HTTP ({@code allowInsecureRegistries}), pushes images
 * built from files, pulls a base image from Wharf and mounts its blobs into another repository.
 */
@Tag("slow")
class JibClientTest {
    static TestRegistry registry;
    static RegistryClient client;
    /** Jib talks to Wharf through this proxy, so tests can see its requests and failures show them. */
    static RecordingProxy proxy;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start();
        client = registry.client();
        proxy = RecordingProxy.start(registry.hostPort());
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

    /** Jib's log, kept so a failure shows what Jib did. */
    private final List<String> jibLog = Collections.synchronizedList(new ArrayList<>());

    private Containerizer to(RegistryImage target) {
        return configure(Containerizer.to(target));
    }

    private Containerizer configure(Containerizer c) {
        return c.setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(tmp.resolve("jib-base-cache"))
                .setApplicationLayersCache(tmp.resolve("jib-app-cache"))
                .setToolName("wharf-tests")
                .addEventHandler(LogEvent.class, e -> jibLog.add(e.getLevel() + " " + e.getMessage()));
    }

    /** Evaluated only when an assertion fails and AssertJ formats its description. */
    private Object lazy() {
        return new Object() {
            @Override
            public String toString() {
                return log();
            }
        };
    }

    private String log() {
        synchronized (jibLog) {
            return "Jib log:\n" + String.join("\n", jibLog) + "\n" + proxy.transcript();
        }
    }

    private static List<Path> appFiles(Path dir, String marker) throws IOException {
        Files.createDirectories(dir);
        Path run = dir.resolve("run.sh");
        Files.writeString(run, "#!/bin/sh\necho " + marker + "\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "payload of " + marker + "\n".repeat(100));
        return List.of(run, data);
    }

    @Test
    void fromScratch_pushThenPullBack_digestsMatch() throws Exception {
        String repo = "jib/app";
        String ref = proxy.hostPort() + "/" + repo + ":1";
        List<Path> files = new ArrayList<>(appFiles(tmp.resolve("scratch-app"), "scratch"));
        // a few MiB of incompressible bytes, so the layer upload streams well past any buffer
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(42).nextBytes(big);
        Path bigFile = tmp.resolve("scratch-app/big.bin");
        Files.write(bigFile, big);
        files.add(bigFile);

        JibContainer pushed = Jib.fromScratch()
                .addLayer(files, AbsoluteUnixPath.get("/app"))
                .setEntrypoint("/app/run.sh")
                .addLabel("org.example.built-by", "jib")
                .addLabel("org.example.test", "fromScratch")
                .containerize(to(RegistryImage.named(ref)));

        assertThat(pushed.isImagePushed()).as(this::log).isTrue();
        ImageCheck.Served m = ImageCheck.manifest(client, repo, "1");
        assertThat(m.digest()).as("registry digest of %s vs Jib's; %s", ref, lazy())
                .isEqualTo(pushed.getDigest().toString());
        assertThat(m.mediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(ImageCheck.manifest(client, repo, pushed.getDigest().toString()).bytes()).isEqualTo(m.bytes());

        JsonNode config = ImageCheck.imageBlobs(client, repo, m.json());
        assertThat(m.json().path("config").path("digest").asText()).isEqualTo(pushed.getImageId().toString());
        assertThat(config.path("config").path("Entrypoint").get(0).asText()).isEqualTo("/app/run.sh");
        assertThat(config.path("config").path("Labels").path("org.example.built-by").asText()).isEqualTo("jib");

        // the one layer holds the files, byte for byte
        JsonNode layer = m.json().path("layers").get(0);
        byte[] layerBytes = ImageCheck.blob(client, repo, layer.path("digest").asText(), layer.path("size").asLong());
        Map<String, byte[]> inLayer = ImageCheck.layerFiles(layerBytes);
        assertThat(inLayer).containsKeys("app/run.sh", "app/data.txt", "app/big.bin");
        assertThat(inLayer.get("app/big.bin")).isEqualTo(big);
        assertThat(inLayer.get("app/data.txt")).isEqualTo(Files.readAllBytes(files.get(1)));

        // pull it back with Jib into a docker-archive tarball: the layers Jib fetched are the pushed blobs
        Path tar = tmp.resolve("pulled.tar");
        JibContainer pulled = Jib.from(RegistryImage.named(ref))
                .containerize(configure(Containerizer.to(TarImage.at(tar).named("pulled/app:1"))));
        assertThat(pulled.isImagePushed()).isFalse();
        Map<String, byte[]> archive = ImageCheck.untar(Files.readAllBytes(tar));
        JsonNode archiveManifest = OciLayout.JSON.readTree(archive.get("manifest.json"));
        JsonNode archivedLayers = archiveManifest.get(0).path("Layers");
        assertThat(archivedLayers).as("layers in %s: %s", tar, archive.keySet()).hasSize(1);
        byte[] archivedLayer = archive.get(archivedLayers.get(0).asText());
        assertThat(Digest.sha256(archivedLayer).toString()).as("layer pulled by Jib; %s", lazy())
                .isEqualTo(layer.path("digest").asText());
    }

    @Test
    void fromBaseInWharf_pullsBaseAndPushesToAnotherRepository() throws Exception {
        String baseRef = proxy.hostPort() + "/jib/base:1";
        JibContainer base = Jib.fromScratch()
                .addLayer(appFiles(tmp.resolve("base-app"), "base"), AbsoluteUnixPath.get("/base"))
                .setEntrypoint("/base/run.sh")
                .addLabel("org.example.layer", "base")
                .containerize(to(RegistryImage.named(baseRef)));
        ImageCheck.Served baseManifest = ImageCheck.manifest(client, "jib/base", "1");
        assertThat(baseManifest.digest()).as(this::log).isEqualTo(base.getDigest().toString());
        List<String> baseLayers = ImageCheck.layerDigests(baseManifest.json());
        for (String layer : baseLayers) {
            assertThat(client.head("/v2/jib/derived/blobs/" + layer).statusCode())
                    .as("a blob is visible only in repositories that link it").isEqualTo(404);
        }

        // a second image FROM the first, by reference: Jib pulls the base from Wharf, then pushes to jib/derived
        // (base layers by cross-repository mount from jib/base, the new layer by upload), in OCI format this time.
        String derivedRef = proxy.hostPort() + "/jib/derived:1";
        jibLog.clear();
        proxy.clear();
        JibContainer derived = Jib.from(RegistryImage.named(baseRef))
                .addLayer(appFiles(tmp.resolve("derived-app"), "derived"), AbsoluteUnixPath.get("/srv"))
                .addLabel("org.example.layer", "derived")
                .addLabel("org.example.only-derived", "yes")
                .setFormat(ImageFormat.OCI)
                .containerize(to(RegistryImage.named(derivedRef)).withAdditionalTag("latest"));

        ImageCheck.Served m = ImageCheck.manifest(client, "jib/derived", "1");
        assertThat(m.digest()).as("registry digest of %s vs Jib's; %s", derivedRef, lazy())
                .isEqualTo(derived.getDigest().toString());
        assertThat(ImageCheck.manifest(client, "jib/derived", "latest").digest()).isEqualTo(m.digest());
        assertThat(m.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        List<String> layers = ImageCheck.layerDigests(m.json());
        assertThat(layers).as("derived layers start with the base layers").hasSize(baseLayers.size() + 1)
                .startsWith(baseLayers.toArray(String[]::new));

        // Jib asked to mount each base layer from jib/base, and Wharf mounted it (201, no upload)
        List<RecordingProxy.Exchange> exchanges = proxy.exchanges();
        for (String layer : baseLayers) {
            assertThat(exchanges).as("mount of base layer %s; %s", layer, lazy())
                    .anyMatch(e -> e.method().equals("POST") && e.target().startsWith("/v2/jib/derived/blobs/uploads/")
                            && e.target().contains("mount=" + layer) && e.target().contains("from=jib/base")
                            && e.status() == 201
                            && e.responseHeaders().getOrDefault("docker-content-digest", "").equals(layer));
        }
        // and it pulled the base manifest from Wharf
        assertThat(exchanges).as(this::log).anyMatch(e -> e.method().equals("GET")
                && e.target().equals("/v2/jib/base/manifests/1") && e.status() == 200);

        // every blob, including the mounted base layers, is served from the derived repository and verifies
        JsonNode config = ImageCheck.imageBlobs(client, "jib/derived", m.json());
        assertThat(config.path("config").path("Labels").path("org.example.layer").asText()).isEqualTo("derived");
        assertThat(config.path("config").path("Labels").path("org.example.only-derived").asText()).isEqualTo("yes");
        assertThat(config.path("rootfs").path("diff_ids")).hasSize(layers.size());

        // the base is untouched
        assertThat(ImageCheck.manifest(client, "jib/base", "1").bytes()).isEqualTo(baseManifest.bytes());
        var tags = RegistryClient.json(client.get("/v2/jib/derived/tags/list")).path("tags");
        assertThat(tags.toString()).contains("\"1\"", "\"latest\"");
        assertThat(new String(m.bytes(), StandardCharsets.UTF_8)).doesNotContain("docker");
    }
}
