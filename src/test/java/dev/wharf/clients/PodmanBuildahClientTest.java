package dev.wharf.clients;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * buildah and podman as real clients, daemonless: each uses its own container storage (vfs driver, {@code --root}
 * and {@code --runroot} in a temporary directory), so nothing touches the machine's images. Each tool is probed
 * first; when it cannot work here the tests that need it are skipped with the exact error it printed.
 */
@Tag("slow")
class PodmanBuildahClientTest {
    static TestRegistry registry;
    static RegistryClient client;
    static RecordingProxy proxy;
    /**
     * A second address for the same Wharf. containers/image remembers, per registry host:port, where it has seen
     * each layer and reuses blobs whatever their compression; pushing the zstd variant through its own address keeps
     * that cache from substituting zstd blobs into the gzip push (and the other way round).
     */
    static RecordingProxy zstdProxy;

    @TempDir
    static Path tmp;

    /** Short, because podman refuses a runroot path longer than 50 characters. */
    static Path runroots;
    static Map<String, String> env;
    static String buildahUnusable;
    static String podmanUnusable;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Cli.onPath("buildah") || Cli.onPath("podman"),
                "neither buildah nor podman is installed (bin/test-deps installs them from Debian). Skipping.");
        runroots = Files.createTempDirectory(Path.of("/tmp"), "wrr");
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("registries.conf"), "unqualified-search-registries = []\n");
        Files.writeString(conf.resolve("auth.json"), "{\"auths\":{}}");
        Files.writeString(conf.resolve("storage.conf"), "[storage]\ndriver = \"vfs\"\n"
                + "runroot = \"" + runroots.resolve("default") + "\"\ngraphroot = \"" + tmp.resolve("default-root") + "\"\n");
        Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        env = new HashMap<>();
        env.put("CONTAINERS_REGISTRIES_CONF", conf.resolve("registries.conf").toString());
        env.put("CONTAINERS_STORAGE_CONF", conf.resolve("storage.conf").toString());
        env.put("REGISTRY_AUTH_FILE", conf.resolve("auth.json").toString());
        env.put("TMPDIR", tmpdir.toString());

        buildahUnusable = probe("buildah", "probe-b", "from", "--name", "wharf-probe", "scratch");
        podmanUnusable = probe("podman", "probe-p", "images");

        registry = TestRegistry.start();
        client = registry.client();
        proxy = RecordingProxy.start(registry.hostPort());
        zstdProxy = RecordingProxy.start(registry.hostPort());
    }

    /** Null when the tool works here, else why not (its exact output). */
    private static String probe(String tool, String store, String... args) {
        if (!Cli.onPath(tool)) {
            return tool + " is not installed (bin/test-deps installs it from Debian)";
        }
        Cli.Result r = Cli.run(tool(tool, store, args), env, Cli.DEFAULT_TIMEOUT);
        if (r.exitCode() != 0 || r.timedOut()) {
            return tool + " cannot run on this machine as uid " + uid() + " with vfs storage:\n" + r.describe();
        }
        return null;
    }

    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("user.name");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (zstdProxy != null) {
            zstdProxy.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (runroots != null) {
            deleteTree(runroots);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @BeforeEach
    void clearTranscript() {
        if (proxy != null) {
            proxy.clear();
        }
    }

    /** {@code tool} with its own storage under {@code tmp/<store>}. */
    private static List<String> tool(String tool, String store, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "--storage-driver", "vfs",
                "--root", tmp.resolve(store + "/root").toString(),
                "--runroot", runroots.resolve(store).toString()));
        if (tool.equals("podman")) {
            cmd.addAll(List.of("--events-backend", "file", "--cgroup-manager", "cgroupfs",
                    "--tmpdir", tmp.resolve(store + "/podman-tmp").toString()));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Cli.Result run(String tool, String store, String... args) {
        Cli.Result r = Cli.run(tool(tool, store, args), env, Cli.DEFAULT_TIMEOUT);
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new AssertionError(tool + " failed:\n" + r.describe() + "\n" + proxy.transcript());
        }
        return r;
    }

    private static String ref(String repoAndTag) {
        return proxy.hostPort() + "/" + repoAndTag;
    }

    /** Pulls {@code reference} with podman into a fresh storage and returns {@code podman image inspect}. */
    private static JsonNode podmanPullAndInspect(String store, String reference) throws IOException {
        run("podman", store, "pull", "--tls-verify=false", reference);
        JsonNode inspect = OciLayout.JSON.readTree(run("podman", store, "image", "inspect", reference).stdout());
        assertThat(inspect).hasSize(1);
        return inspect.get(0);
    }

    @Test
    void buildah_fromScratch_pushedToWharf_andPulledBackByPodman() throws Exception {
        Assumptions.assumeTrue(buildahUnusable == null, () -> buildahUnusable);
        Path hello = tmp.resolve("hello.sh");
        Files.writeString(hello, "#!/bin/sh\necho built by buildah\n");
        Path data = tmp.resolve("data.txt");
        Files.writeString(data, "buildah data\n".repeat(200));

        String store = "buildah";
        run("buildah", store, "from", "--name", "wharf-app", "scratch");
        run("buildah", store, "copy", "--chmod", "0755", "wharf-app", hello.toString(), "/app/hello.sh");
        run("buildah", store, "copy", "wharf-app", data.toString(), "/app/data.txt");
        run("buildah", store, "config", "--entrypoint", "[\"/app/hello.sh\"]", "--label", "org.example.tool=buildah",
                "--os", "linux", "--arch", "amd64", "wharf-app");
        String imageId = run("buildah", store, "commit", "--format", "oci", "--quiet", "wharf-app", "wharf-buildah:1")
                .out().trim();

        // first with zstd-compressed layers (the layers were never compressed before, so buildah must compress now)
        Path zstdDigestFile = tmp.resolve("buildah-zstd.digest");
        run("buildah", store, "push", "--tls-verify=false", "--compression-format", "zstd",
                "--digestfile", zstdDigestFile.toString(), "wharf-buildah:1", "docker://" + zstdProxy.hostPort() + "/buildah/zstd:1");
        ImageCheck.Served zstd = ImageCheck.manifest(client, "buildah/zstd", "1");
        assertThat(zstd.digest()).as(zstdProxy.transcript()).isEqualTo(Files.readString(zstdDigestFile).trim());
        assertThat(zstd.json().path("layers")).allSatisfy(l -> assertThat(l.path("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd"));
        ImageCheck.imageBlobs(client, "buildah/zstd", zstd.json());

        // then with gzip, the default
        Path digestFile = tmp.resolve("buildah.digest");
        run("buildah", store, "push", "--tls-verify=false", "--digestfile", digestFile.toString(),
                "wharf-buildah:1", "docker://" + ref("buildah/app:1"));
        String pushed = Files.readString(digestFile).trim();

        ImageCheck.Served m = ImageCheck.manifest(client, "buildah/app", "1");
        assertThat(m.digest()).as(proxy.transcript()).isEqualTo(pushed);
        assertThat(m.mediaType()).isEqualTo(OciLayout.OCI_MANIFEST);
        assertThat(m.json().path("layers")).allSatisfy(l -> assertThat(l.path("mediaType").asText())
                .isEqualTo(OciLayout.OCI_LAYER_GZIP));
        JsonNode config = ImageCheck.imageBlobs(client, "buildah/app", m.json());
        assertThat(m.json().path("config").path("digest").asText()).isEqualTo("sha256:" + imageId);
        assertThat(config.path("config").path("Labels").path("org.example.tool").asText()).isEqualTo("buildah");
        Map<String, byte[]> files = new TreeMap<>();
        for (String layer : ImageCheck.layerDigests(m.json())) {
            long size = 0;
            for (JsonNode l : m.json().path("layers")) {
                if (l.path("digest").asText().equals(layer)) {
                    size = l.path("size").asLong();
                }
            }
            files.putAll(ImageCheck.layerFiles(ImageCheck.blob(client, "buildah/app", layer, size)));
        }
        assertThat(files).containsKeys("app/hello.sh", "app/data.txt");
        assertThat(files.get("app/data.txt")).isEqualTo(Files.readAllBytes(data));

        // podman, with storage of its own, pulls exactly what buildah pushed
        Assumptions.assumeTrue(podmanUnusable == null, () -> podmanUnusable);
        JsonNode pulled = podmanPullAndInspect("podman-pull-buildah", ref("buildah/app:1"));
        assertThat(pulled.path("Digest").asText()).as(proxy.transcript()).isEqualTo(pushed);
        assertThat(pulled.path("Id").asText()).isEqualTo(imageId);
        assertThat(pulled.path("RepoDigests").toString()).contains(ref("buildah/app") + "@" + pushed);
        JsonNode pulledZstd = podmanPullAndInspect("podman-pull-zstd", zstdProxy.hostPort() + "/buildah/zstd:1");
        assertThat(pulledZstd.path("Digest").asText()).as(zstdProxy.transcript()).isEqualTo(zstd.digest());
        assertThat(pulledZstd.path("Id").asText()).isEqualTo(imageId);
    }

    @Test
    void podman_loadsOciArchive_pushesToWharf_andPullsBack() throws Exception {
        Assumptions.assumeTrue(podmanUnusable == null, () -> podmanUnusable);
        OciLayout layout = OciLayout.create(tmp.resolve("podman-layout"));
        OciLayout.Image image = layout.writeImage("linux", "amd64",
                Map.of("app/hello", "#!/bin/sh\necho podman\n".getBytes(StandardCharsets.UTF_8)),
                Map.of("org.example.tool", "podman"));
        layout.tag("wharf-podman", image.manifest());
        Path archive = tmp.resolve("podman-oci-archive.tar");
        Files.write(archive, OciLayout.tar(filesOf(layout.dir())));

        String store = "podman";
        String loaded = run("podman", store, "load", "-i", archive.toString()).out();
        assertThat(loaded).contains("Loaded image");
        String imageId = image.config().digest().substring("sha256:".length());

        Path digestFile = tmp.resolve("podman.digest");
        run("podman", store, "push", "--tls-verify=false", "--digestfile", digestFile.toString(),
                imageId, "docker://" + ref("podman/app:1"));
        String pushed = Files.readString(digestFile).trim();
        ImageCheck.Served m = ImageCheck.manifest(client, "podman/app", "1");
        assertThat(m.digest()).as(proxy.transcript()).isEqualTo(pushed);
        assertThat(m.json().path("config").path("digest").asText()).isEqualTo(image.config().digest());
        JsonNode config = ImageCheck.imageBlobs(client, "podman/app", m.json());
        assertThat(config.path("config").path("Labels").path("org.example.tool").asText()).isEqualTo("podman");

        // a Docker schema 2 copy too, then both pulled into a fresh storage
        Path v2s2Digest = tmp.resolve("podman-v2s2.digest");
        run("podman", store, "push", "--tls-verify=false", "--format", "v2s2", "--digestfile", v2s2Digest.toString(),
                imageId, "docker://" + ref("podman/app:v2s2"));
        ImageCheck.Served docker = ImageCheck.manifest(client, "podman/app", "v2s2");
        assertThat(docker.mediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(docker.digest()).isEqualTo(Files.readString(v2s2Digest).trim());
        ImageCheck.imageBlobs(client, "podman/app", docker.json());

        JsonNode pulled = podmanPullAndInspect("podman-pull", ref("podman/app:1"));
        assertThat(pulled.path("Digest").asText()).as(proxy.transcript()).isEqualTo(pushed);
        assertThat(pulled.path("Id").asText()).isEqualTo(imageId);
        JsonNode pulledDocker = podmanPullAndInspect("podman-pull", ref("podman/app:v2s2"));
        assertThat(pulledDocker.path("Id").asText()).isEqualTo(imageId);
        assertThat(pulledDocker.path("RepoDigests").toString()).contains(ref("podman/app") + "@" + docker.digest());
    }

    /** Every regular file under {@code dir}, by relative path, for an oci-archive tarball. */
    private static Map<String, byte[]> filesOf(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
