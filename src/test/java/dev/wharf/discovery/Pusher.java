package dev.wharf.discovery;

import dev.wharf.oci.Digest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pushes images, indexes and referrers to any registry by raw Distribution API calls (two-step uploads, so CNCF
 * Distribution takes them too), optionally with an Authorization header, and remembers what it pushed.
 */
final class Pusher {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Pusher(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** An image as pushed: its manifest, config and layers. */
    record Image(String repo, String tag, Digest digest, byte[] manifest, Digest config, long size, List<Digest> layers,
                 String created, Map<String, String> labels, String os, String arch) {
    }

    Digest blob(String repo, byte[] content) {
        Digest d = Digest.sha256(content);
        HttpResponse<String> start = send(req("/v2/" + repo + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
        check(start, 202, "start upload");
        String location = start.headers().firstValue("Location").orElseThrow();
        URI put = base.resolve(location);
        String sep = put.toString().contains("?") ? "&" : "?";
        HttpResponse<String> done = send(builder(URI.create(put + sep + "digest=" + d))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        check(done, 201, "finish upload");
        return d;
    }

    Digest manifest(String repo, String reference, String mediaType, byte[] payload) {
        HttpResponse<String> r = send(req("/v2/" + repo + "/manifests/" + reference).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(payload)));
        check(r, 201, "put manifest " + repo + ":" + reference);
        return Digest.sha256(payload);
    }

    void deleteManifest(String repo, Digest digest) {
        check(send(req("/v2/" + repo + "/manifests/" + digest).DELETE()), 202, "delete manifest");
    }

    /** A one- or two-layer image whose config states {@code created}, labels and platform; tag null pushes by digest. */
    Image image(String repo, String tag, String mediaType, String created, Map<String, String> labels, String os,
                String arch, String... layerTexts) {
        String configType = mediaType.equals(DOCKER_MANIFEST) ? "application/vnd.docker.container.image.v1+json"
                : "application/vnd.oci.image.config.v1+json";
        String layerType = mediaType.equals(DOCKER_MANIFEST) ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                : "application/vnd.oci.image.layer.v1.tar+gzip";
        String labelJson = labels.entrySet().stream().map(e -> q(e.getKey()) + ":" + q(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        byte[] config = ("{\"created\":" + q(created) + ",\"architecture\":" + q(arch) + ",\"os\":" + q(os)
                + ",\"config\":{\"Labels\":" + labelJson + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                + "\"n\":" + q(repo + tag + arch + created) + "}").getBytes(StandardCharsets.UTF_8);
        Digest c = blob(repo, config);
        List<Digest> layers = new ArrayList<>();
        StringBuilder layerJson = new StringBuilder();
        long size = config.length;
        for (String text : layerTexts) {
            byte[] layer = text.getBytes(StandardCharsets.UTF_8);
            Digest l = blob(repo, layer);
            layers.add(l);
            size += layer.length;
            layerJson.append(layerJson.isEmpty() ? "" : ",").append("{\"mediaType\":").append(q(layerType))
                    .append(",\"digest\":").append(q(l.toString())).append(",\"size\":").append(layer.length).append('}');
        }
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":" + q(mediaType) + ",\"config\":{\"mediaType\":"
                + q(configType) + ",\"digest\":" + q(c.toString()) + ",\"size\":" + config.length + "},\"layers\":["
                + layerJson + "]}").getBytes(StandardCharsets.UTF_8);
        Digest d = manifest(repo, tag == null ? Digest.sha256(manifest).toString() : tag, mediaType, manifest);
        return new Image(repo, tag, d, manifest, c, size, layers, created, labels, os, arch);
    }

    /** An OCI index of {@code children} (their platforms from their configs) plus one attestation entry. */
    byte[] index(String repo, String tag, List<Image> children, Digest attestation, long attestationSize) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[");
        for (Image c : children) {
            sb.append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":").append(q(c.digest().toString()))
                    .append(",\"size\":").append(c.manifest().length).append(",\"platform\":{\"os\":").append(q(c.os()))
                    .append(",\"architecture\":").append(q(c.arch()))
                    .append(c.arch().equals("arm64") ? ",\"variant\":\"v8\"" : "").append("}},");
        }
        sb.append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":").append(q(attestation.toString()))
                .append(",\"size\":").append(attestationSize).append(",\"platform\":{\"os\":\"unknown\",\"architecture\":")
                .append("\"unknown\"},\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\"}}]}");
        byte[] payload = sb.toString().getBytes(StandardCharsets.UTF_8);
        manifest(repo, tag, OCI_INDEX, payload);
        return payload;
    }

    /** An artifact carrying {@code report} attached to {@code subject}; returns the artifact's digest. */
    Ref referrer(String repo, Digest subject, long subjectSize, String artifactType, String layerType, byte[] report) {
        Digest empty = blob(repo, "{}".getBytes(StandardCharsets.UTF_8));
        Digest layer = blob(repo, report);
        byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":" + q(artifactType)
                + ",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":" + q(empty.toString())
                + ",\"size\":2},\"layers\":[{\"mediaType\":" + q(layerType) + ",\"digest\":" + q(layer.toString())
                + ",\"size\":" + report.length + "}],\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":"
                + q(subject.toString()) + ",\"size\":" + subjectSize + "}}").getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(m);
        manifest(repo, d.toString(), OCI_MANIFEST, m);
        return new Ref(d, m.length, artifactType);
    }

    /** A referrer as pushed. */
    record Ref(Digest digest, long size, String artifactType) {
    }

    /**
     * The OCI referrers tag schema for registries without the referrers API: an index tagged
     * {@code sha256-<hex>} listing the artifacts attached to {@code subject}.
     */
    void referrersTag(String repo, Digest subject, List<Ref> refs) {
        String entries = refs.stream().map(r -> "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":" + q(r.digest().toString())
                + ",\"size\":" + r.size() + ",\"artifactType\":" + q(r.artifactType()) + "}").collect(Collectors.joining(","));
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + entries + "]}")
                .getBytes(StandardCharsets.UTF_8);
        manifest(repo, "sha256-" + subject.hex(), OCI_INDEX, index);
    }

    private HttpRequest.Builder req(String path) {
        return builder(base.resolve(path));
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(HttpResponse<String> r, int expected, String what) {
        if (r.statusCode() != expected) {
            throw new AssertionError(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
