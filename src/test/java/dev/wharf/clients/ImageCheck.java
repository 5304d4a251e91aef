package dev.wharf.clients;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads an image back from Wharf over plain HTTP and checks that every byte matches its digest. */
final class ImageCheck {
    static final String ACCEPT_ALL = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    private ImageCheck() {
    }

    /** A manifest as the registry served it. */
    record Served(String digest, String mediaType, byte[] bytes, JsonNode json) {
    }

    /**
     * GETs {@code /v2/<repo>/manifests/<reference>} accepting every manifest type, and checks that the body hashes
     * to Docker-Content-Digest and that Content-Type is the body's mediaType.
     */
    static Served manifest(RegistryClient client, String repo, String reference) {
        HttpResponse<byte[]> r = client.send(client.request("/v2/" + repo + "/manifests/" + reference)
                .header("Accept", ACCEPT_ALL).GET().build());
        assertThat(r.statusCode()).as("GET /v2/%s/manifests/%s: %s", repo, reference, RegistryClient.text(r))
                .isEqualTo(200);
        String digest = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        assertThat(digest).as("Docker-Content-Digest of %s:%s", repo, reference).isNotNull();
        assertThat(Digest.sha256(r.body()).toString()).as("sha256 of the manifest body of %s:%s", repo, reference)
                .isEqualTo(digest);
        JsonNode json = RegistryClient.json(r);
        String mediaType = json.path("mediaType").asText();
        assertThat(r.headers().firstValue("Content-Type")).as("Content-Type of %s:%s", repo, reference)
                .hasValue(mediaType);
        HttpResponse<byte[]> head = client.send(client.request("/v2/" + repo + "/manifests/" + reference)
                .header("Accept", ACCEPT_ALL).HEAD().build());
        assertThat(head.statusCode()).as("HEAD /v2/%s/manifests/%s", repo, reference).isEqualTo(200);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).as("HEAD digest").hasValue(digest);
        return new Served(digest, mediaType, r.body(), json);
    }

    /** GETs a blob and checks that its content hashes to {@code digest} and has {@code size} bytes. */
    static byte[] blob(RegistryClient client, String repo, String digest, long size) {
        HttpResponse<byte[]> r = client.get("/v2/" + repo + "/blobs/" + digest);
        assertThat(r.statusCode()).as("GET /v2/%s/blobs/%s: %s", repo, digest,
                r.statusCode() == 200 ? "" : RegistryClient.text(r)).isEqualTo(200);
        assertThat(Digest.sha256(r.body()).toString()).as("sha256 of blob %s in %s", digest, repo).isEqualTo(digest);
        assertThat((long) r.body().length).as("size of blob %s in %s", digest, repo).isEqualTo(size);
        return r.body();
    }

    /** Checks the config and every layer of an image manifest; returns the config JSON. */
    static JsonNode imageBlobs(RegistryClient client, String repo, JsonNode manifest) {
        JsonNode config = manifest.path("config");
        byte[] configBytes = blob(client, repo, config.path("digest").asText(), config.path("size").asLong());
        assertThat(manifest.path("layers").size()).as("layers of %s", repo).isPositive();
        for (JsonNode layer : manifest.path("layers")) {
            blob(client, repo, layer.path("digest").asText(), layer.path("size").asLong());
        }
        try {
            return OciLayout.JSON.readTree(configBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> layerDigests(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        manifest.path("layers").forEach(l -> out.add(l.path("digest").asText()));
        return out;
    }

    /** The regular files of a (gzip-compressed) layer tar: name without leading {@code /} or {@code ./} → content. */
    static Map<String, byte[]> layerFiles(byte[] gzippedTar) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzippedTar))) {
            return untar(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal ustar/GNU/PAX-tolerant reader of regular files (PAX and GNU long names are honoured). */
    static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int pos = 0;
        String longName = null;
        while (pos + 512 <= tar.length) {
            boolean zero = true;
            for (int i = pos; i < pos + 512; i++) {
                if (tar[i] != 0) {
                    zero = false;
                    break;
                }
            }
            if (zero) {
                break;
            }
            String name = cString(tar, pos, 100);
            String prefix = cString(tar, pos + 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(cString(tar, pos + 257, 6).trim())) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(cString(tar, pos + 124, 12).trim().isEmpty() ? "0"
                    : cString(tar, pos + 124, 12).trim(), 8);
            char type = (char) tar[pos + 156];
            int data = pos + 512;
            byte[] content = java.util.Arrays.copyOfRange(tar, data, (int) (data + size));
            pos = data + (int) ((size + 511) / 512 * 512);
            if (type == 'L') {
                longName = cString(content, 0, content.length);
                continue;
            }
            if (type == 'x') {
                String pax = new String(content, StandardCharsets.UTF_8);
                for (String line : pax.split("\n")) {
                    int eq = line.indexOf(" path=");
                    if (eq >= 0) {
                        longName = line.substring(eq + 6);
                    }
                }
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            if (type == '0' || type == 0) {
                files.put(normalize(name), content);
            }
        }
        return files;
    }

    private static String normalize(String name) {
        while (name.startsWith("/") || name.startsWith("./")) {
            name = name.startsWith("/") ? name.substring(1) : name.substring(2);
        }
        return name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }
}
