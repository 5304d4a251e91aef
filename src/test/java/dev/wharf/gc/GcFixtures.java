package dev.wharf.gc;

import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pushing small images, indexes and referrers over HTTP, and waiting for garbage collection runs. */
final class GcFixtures {
    private GcFixtures() {
    }

    /** A pushed image manifest with its blobs. */
    record Image(String repo, Digest digest, byte[] payload, Digest config, List<Digest> layers, long blobBytes) {
        List<Digest> blobs() {
            List<Digest> all = new ArrayList<>(layers);
            all.add(config);
            return all;
        }
    }

    /** Garbage collection on {@code meta} and the blobs under {@code root}, as a command opens it (no thread). */
    static GcService offline(dev.wharf.config.WharfConfig.Gc config, java.nio.file.Path root,
                             dev.wharf.meta.JdbcMetadataStore meta) throws java.io.IOException {
        return GcModule.offline(config, dev.wharf.meta.JdbcGcStore.on(meta, repo -> { }),
                new dev.wharf.storage.fs.FilesystemBlobStore(root)).control();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes config + layers + an OCI manifest; {@code tag} null pushes by digest (untagged). */
    static Image image(RegistryClient c, String repo, String tag, String configText, byte[]... layers) {
        byte[] config = bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"x\":\"" + configText + "\"}");
        Digest cd = c.pushBlob(repo, config);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + cd
                + "\",\"size\":" + config.length + "},\"layers\":[");
        List<Digest> ls = new ArrayList<>();
        long total = config.length;
        for (int i = 0; i < layers.length; i++) {
            Digest d = c.pushBlob(repo, layers[i]);
            ls.add(d);
            total += layers[i].length;
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",")
                    .append("\"digest\":\"").append(d).append("\",\"size\":").append(layers[i].length).append('}');
        }
        byte[] payload = bytes(json.append("]}").toString());
        Digest digest = Digest.sha256(payload);
        var r = c.putManifest(repo, tag == null ? digest.toString() : tag, Manifests.OCI_MANIFEST, payload);
        assertThat(r.statusCode()).as("push %s:%s: %s", repo, tag, RegistryClient.text(r)).isEqualTo(201);
        return new Image(repo, digest, payload, cd, ls, total);
    }

    static Digest index(RegistryClient c, String repo, String tag, Image... children) {
        byte[] payload = Manifests.index(Manifests.OCI_INDEX,
                java.util.Arrays.stream(children).map(Image::payload).toArray(byte[][]::new));
        Digest d = Digest.sha256(payload);
        var r = c.putManifest(repo, tag == null ? d.toString() : tag, Manifests.OCI_INDEX, payload);
        assertThat(r.statusCode()).as("index push: %s", RegistryClient.text(r)).isEqualTo(201);
        return d;
    }

    /** Pushes an artifact referring to {@code subject} (untagged, as signatures are). */
    static Image referrer(RegistryClient c, String repo, Image subject, String kind) {
        byte[] empty = bytes("{}");
        Digest e = c.pushBlob(repo, empty);
        byte[] layer = bytes(kind + " of " + subject.digest());
        Digest l = c.pushBlob(repo, layer);
        byte[] payload = Manifests.artifact("application/vnd.example." + kind, e, l, layer.length, subject.digest(),
                subject.payload().length, Manifests.OCI_MANIFEST);
        Digest d = Digest.sha256(payload);
        var r = c.putManifest(repo, d.toString(), Manifests.OCI_MANIFEST, payload);
        assertThat(r.statusCode()).as("referrer push: %s", RegistryClient.text(r)).isEqualTo(201);
        return new Image(repo, d, payload, e, List.of(l), empty.length + layer.length);
    }

    static int manifestStatus(RegistryClient c, String repo, Digest d) {
        return c.get("/v2/" + repo + "/manifests/" + d).statusCode();
    }

    static int blobStatus(RegistryClient c, String repo, Digest d) {
        return c.get("/v2/" + repo + "/blobs/" + d).statusCode();
    }

    static boolean stored(Path root, Digest d) {
        return Files.isRegularFile(root.resolve("blobs").resolve(d.algorithm().prefix())
                .resolve(d.hex().substring(0, 2)).resolve(d.hex()));
    }

    /** Starts a run and waits (bounded) until it is no longer active. */
    static GcControl.Run collect(GcControl gc, String registry, GcControl.Type type, boolean dryRun) {
        try {
            Thread.sleep(5); // content pushed in this millisecond is not yet older than a zero grace period
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return await(gc, gc.start(registry, type, dryRun));
    }

    static GcControl.Run await(GcControl gc, GcControl.Run run) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        GcControl.Run r = run;
        while (r.status().active()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run did not finish in time: " + r);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            r = gc.get(run.uuid()).orElseThrow();
        }
        return r;
    }
}
