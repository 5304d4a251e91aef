package dev.wharf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.oci.Digest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A thin HTTP client for the data plane in tests: raw requests plus helpers for common pushes. */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    public RegistryClient(URI base) {
        this.base = base;
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<byte[]> head(String path) {
        return send(request(path).HEAD().build());
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** Monolithic blob push; returns the digest. */
    public Digest pushBlob(String repo, byte[] content) {
        Digest d = Digest.sha256(content);
        var r = send(request("/v2/" + repo + "/blobs/uploads/?digest=" + d)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        if (r.statusCode() != 201) {
            throw new AssertionError("blob push failed: " + r.statusCode() + " " + text(r));
        }
        return d;
    }

    public HttpResponse<byte[]> putManifest(String repo, String reference, String mediaType, byte[] payload) {
        return send(request("/v2/" + repo + "/manifests/" + reference).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(payload)).build());
    }

    /** Pushes a one-layer OCI image (config + layer + manifest) tagged {@code tag}; returns the manifest bytes. */
    public byte[] pushImage(String repo, String tag, byte[] layer) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"n\":\""
                + Digest.sha256(layer).hex() + "\"}").getBytes(StandardCharsets.UTF_8);
        Digest c = pushBlob(repo, config);
        Digest l = pushBlob(repo, layer);
        byte[] manifest = Manifests.ociManifest(c, config.length, l, layer.length);
        var r = putManifest(repo, tag, Manifests.OCI_MANIFEST, manifest);
        if (r.statusCode() != 201) {
            throw new AssertionError("manifest push failed: " + r.statusCode() + " " + text(r));
        }
        return manifest;
    }

    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.UTF_8);
    }

    public static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text(r), e);
        }
    }

    /** The first error code of an OCI error envelope. */
    public static String errorCode(HttpResponse<byte[]> r) {
        JsonNode n = json(r);
        return n.path("errors").path(0).path("code").asText();
    }
}
