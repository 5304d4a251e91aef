package dev.wharf.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.oci.Digest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * Writes OCI image layouts on disk (image-spec {@code image-layout.md}) without any tool, so clients such as skopeo
 * can copy them into a registry with no network beyond loopback. Every blob is written under
 * {@code blobs/sha256/}; {@link #tag} writes {@code index.json} with {@code org.opencontainers.image.ref.name}.
 */
final class OciLayout {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    /** A content descriptor of a blob written to the layout. */
    record Blob(String mediaType, String digest, long size, byte[] bytes) {
        ObjectNode descriptor() {
            ObjectNode d = JSON.createObjectNode();
            d.put("mediaType", mediaType);
            d.put("digest", digest);
            d.put("size", size);
            return d;
        }
    }

    /** A single-platform image written to the layout. */
    record Image(Blob manifest, Blob config, List<Blob> layers, String os, String architecture) {
    }

    private final Path dir;
    private final List<ObjectNode> refs = new ArrayList<>();

    private OciLayout(Path dir) {
        this.dir = dir;
    }

    static OciLayout create(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        OciLayout layout = new OciLayout(dir);
        layout.writeIndexJson();
        return layout;
    }

    Path dir() {
        return dir;
    }

    Blob writeBlob(String mediaType, byte[] content) throws IOException {
        String digest = Digest.sha256(content).toString();
        Files.write(dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), content);
        return new Blob(mediaType, digest, content.length, content);
    }

    /** Writes a one-layer image whose layer holds {@code files} (path → content), with a config naming the platform. */
    Image writeImage(String os, String architecture, Map<String, byte[]> files, Map<String, String> labels)
            throws IOException {
        byte[] tar = tar(files);
        byte[] layerBytes = gzip(tar);
        Blob layer = writeBlob(OCI_LAYER_GZIP, layerBytes);

        ObjectNode config = JSON.createObjectNode();
        config.put("created", "2024-01-01T00:00:00Z");
        config.put("architecture", architecture);
        config.put("os", os);
        ObjectNode cfg = config.putObject("config");
        cfg.putArray("Entrypoint").add("/app/hello");
        cfg.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        ObjectNode labelNode = cfg.putObject("Labels");
        new TreeMap<>(labels).forEach(labelNode::put);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(Digest.sha256(tar).toString());
        config.putArray("history").addObject().put("created", "2024-01-01T00:00:00Z")
                .put("created_by", "wharf test OciLayout");
        Blob configBlob = writeBlob(OCI_CONFIG, JSON.writeValueAsBytes(config));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OCI_MANIFEST);
        manifest.set("config", configBlob.descriptor());
        manifest.putArray("layers").add(layer.descriptor());
        manifest.putObject("annotations").put("org.opencontainers.image.title", "wharf-" + os + "-" + architecture);
        Blob manifestBlob = writeBlob(OCI_MANIFEST, JSON.writeValueAsBytes(manifest));
        return new Image(manifestBlob, configBlob, List.of(layer), os, architecture);
    }

    /** Writes an image index over {@code images}, each with its platform. */
    Blob writeIndex(List<Image> images) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Image image : images) {
            ObjectNode d = image.manifest().descriptor();
            d.putObject("platform").put("architecture", image.architecture()).put("os", image.os());
            manifests.add(d);
        }
        return writeBlob(OCI_INDEX, JSON.writeValueAsBytes(index));
    }

    /** Names {@code target} {@code tag} in the layout's {@code index.json}. */
    void tag(String tag, Blob target) throws IOException {
        ObjectNode d = target.descriptor();
        d.putObject("annotations").put(REF_NAME, tag);
        refs.add(d);
        writeIndexJson();
    }

    private void writeIndexJson() throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        refs.forEach(manifests::add);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    // ---- reading layouts written by clients ----

    static JsonNode readIndexJson(Path layout) throws IOException {
        return JSON.readTree(Files.readAllBytes(layout.resolve("index.json")));
    }

    /** The descriptor in {@code index.json} named {@code tag}, or fails. */
    static JsonNode refDescriptor(Path layout, String tag) throws IOException {
        JsonNode index = readIndexJson(layout);
        for (JsonNode d : index.path("manifests")) {
            if (tag.equals(d.path("annotations").path(REF_NAME).asText(null))) {
                return d;
            }
        }
        throw new AssertionError("no ref " + tag + " in " + layout.resolve("index.json") + ": " + index);
    }

    static byte[] readBlob(Path layout, String digest) throws IOException {
        int colon = digest.indexOf(':');
        return Files.readAllBytes(layout.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1)));
    }

    // ---- tar and gzip ----

    /**
     * A reproducible POSIX ustar archive of {@code files} (sorted, mode 0644, directories 0755, mtime fixed,
     * owner 0:0), with parent directory entries.
     */
    static byte[] tar(Map<String, byte[]> files) {
        TreeSet<String> dirs = new TreeSet<>();
        for (String name : files.keySet()) {
            for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                dirs.add(name.substring(0, i + 1));
            }
        }
        Map<String, byte[]> entries = new TreeMap<>();
        dirs.forEach(d -> entries.put(d, null));
        entries.putAll(new LinkedHashMap<>(files));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] content = e.getValue();
            boolean dir = content == null;
            out.writeBytes(header(e.getKey(), dir ? 0 : content.length, dir));
            if (!dir) {
                out.writeBytes(content);
                out.writeBytes(new byte[(512 - content.length % 512) % 512]);
            }
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] header(String name, long size, boolean dir) {
        byte[] name8 = name.getBytes(StandardCharsets.UTF_8);
        if (name8.length > 100) {
            throw new IllegalArgumentException("name too long for this tar writer: " + name);
        }
        byte[] h = new byte[512];
        System.arraycopy(name8, 0, h, 0, name8.length);
        octal(h, 100, 8, dir ? 0755 : 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 1704067200L); // 2024-01-01T00:00:00Z
        h[156] = (byte) (dir ? '5' : '0');
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        ascii(h, 265, "root");
        ascii(h, 297, "root");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        ascii(h, 148, chk);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = String.format("%0" + (len - 1) + "o", value);
        ascii(h, off, s);
        h[off + len - 1] = 0;
    }

    private static void ascii(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
