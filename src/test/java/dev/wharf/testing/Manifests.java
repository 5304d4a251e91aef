package dev.wharf.testing;

import dev.wharf.oci.Digest;

import java.nio.charset.StandardCharsets;

/** Builds manifest payloads for tests. */
public final class Manifests {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private Manifests() {
    }

    public static byte[] ociManifest(Digest config, long configSize, Digest layer, long layerSize) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] dockerManifest(Digest config, long configSize, Digest layer, long layerSize) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + config + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An artifact manifest with the empty config, referring to {@code subject}. */
    public static byte[] artifact(String artifactType, Digest emptyConfig, Digest layer, long layerSize,
                                  Digest subject, long subjectSize, String subjectType) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + emptyConfig + "\",\"size\":2},"
                + "\"layers\":[{\"mediaType\":\"application/octet-stream\",\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}],"
                + "\"subject\":{\"mediaType\":\"" + subjectType + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "},"
                + "\"annotations\":{\"org.example.kind\":\"" + artifactType + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An index of the given child manifests (their digests and sizes taken from the payloads). */
    public static byte[] index(String mediaType, byte[]... children) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[");
        for (int i = 0; i < children.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":\"")
                    .append(Digest.sha256(children[i])).append("\",\"size\":").append(children[i].length)
                    .append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"arch").append(i).append("\"}}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An index of children known by digest only: every size is 100, so only for children that are not stored. */
    public static byte[] index(String mediaType, Digest... children) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[");
        for (int i = 0; i < children.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":\"").append(children[i])
                    .append("\",\"size\":100,\"platform\":{\"os\":\"linux\",\"architecture\":\"arch").append(i).append("\"}}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
