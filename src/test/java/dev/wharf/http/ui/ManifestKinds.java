package dev.wharf.http.ui;

import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One repository holding the four kinds of manifest the UI must render besides a plain image, pushed as real
 * clients push them: a multi-platform OCI index (buildx: children by digest, the index tagged), a Docker manifest
 * list, an OCI artifact with {@code artifactType} and the empty config (an SPDX SBOM), and a cosign-style
 * signature whose {@code subject} is the index (found through the referrers API and under cosign's
 * {@code sha256-<hex>.sig} tag).
 */
final class ManifestKinds {
    static final String REPO = "kinds/app";
    static final String INDEX_TAG = "multi";
    static final String LIST_TAG = "list";
    static final String ARTIFACT_TAG = "sbom";
    static final String SBOM_TYPE = "application/spdx+json";
    static final String SIGNATURE_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";

    /** A child of an index or list: its platform as the UI prints it, its digest, its size and with config and layer. */
    record Child(String platform, Digest digest, int size, long totalSize) {
    }

    final List<Child> indexChildren;
    final Digest index;
    final List<Child> listChildren;
    final Digest list;
    final Digest artifact;
    final Digest signature;
    final String signatureTag;

    ManifestKinds(RegistryClient data) {
        indexChildren = List.of(
                image(data, Manifests.OCI_MANIFEST, "linux", "amd64", null),
                image(data, Manifests.OCI_MANIFEST, "linux", "arm64", "v8"));
        byte[] indexPayload = indexOf(Manifests.OCI_INDEX, Manifests.OCI_MANIFEST, indexChildren);
        index = put(data, INDEX_TAG, Manifests.OCI_INDEX, indexPayload);
        listChildren = List.of(
                image(data, Manifests.DOCKER_MANIFEST, "linux", "amd64", null),
                image(data, Manifests.DOCKER_MANIFEST, "linux", "arm", "v7"));
        list = put(data, LIST_TAG, Manifests.DOCKER_LIST, indexOf(Manifests.DOCKER_LIST, Manifests.DOCKER_MANIFEST,
                listChildren));
        artifact = put(data, ARTIFACT_TAG, Manifests.OCI_MANIFEST, artifactOf(data, SBOM_TYPE,
                "application/spdx+json", "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"kinds/app\"}", null, 0));
        byte[] sig = artifactOf(data, SIGNATURE_TYPE, "application/vnd.dev.cosign.simplesigning.v1+json",
                "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + index + "\"}}}", index,
                indexPayload.length);
        signature = put(data, Digest.sha256(sig).toString(), Manifests.OCI_MANIFEST, sig);
        signatureTag = "sha256-" + index.hex() + ".sig";
        put(data, signatureTag, Manifests.OCI_MANIFEST, sig);
    }

    /** Pushes a one-layer image for one platform by digest only, as buildx pushes an index's children. */
    private static Child image(RegistryClient data, String mediaType, String os, String arch, String variant) {
        boolean docker = mediaType.equals(Manifests.DOCKER_MANIFEST);
        String platform = os + "/" + arch + (variant == null ? "" : "/" + variant);
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\""
                + (variant == null ? "" : ",\"variant\":\"" + variant + "\"")
                + ",\"created\":\"2026-01-02T03:04:05Z\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer for " + platform + " of " + mediaType).getBytes(StandardCharsets.UTF_8);
        Digest c = data.pushBlob(REPO, config);
        Digest l = data.pushBlob(REPO, layer);
        byte[] manifest = docker ? Manifests.dockerManifest(c, config.length, l, layer.length)
                : Manifests.ociManifest(c, config.length, l, layer.length);
        Digest d = put(data, Digest.sha256(manifest).toString(), mediaType, manifest);
        return new Child(platform, d, manifest.length, manifest.length + config.length + layer.length);
    }

    private static byte[] indexOf(String mediaType, String childType, List<Child> children) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[");
        for (int i = 0; i < children.size(); i++) {
            Child c = children.get(i);
            String[] p = c.platform().split("/");
            sb.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(childType).append("\",\"digest\":\"")
                    .append(c.digest()).append("\",\"size\":").append(c.size())
                    .append(",\"platform\":{\"os\":\"").append(p[0]).append("\",\"architecture\":\"").append(p[1])
                    .append('"').append(p.length > 2 ? ",\"variant\":\"" + p[2] + "\"" : "").append("}}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI 1.1 artifact: {@code artifactType}, the empty config, one layer, and optionally a subject. */
    private static byte[] artifactOf(RegistryClient data, String artifactType, String layerType, String content,
                                     Digest subject, long subjectSize) {
        Digest empty = data.pushBlob(REPO, "{}".getBytes(StandardCharsets.UTF_8));
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        Digest layer = data.pushBlob(REPO, body);
        String subjectField = subject == null ? "" : ",\"subject\":{\"mediaType\":\"" + Manifests.OCI_INDEX
                + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "}";
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"artifactType\":\""
                + artifactType + "\",\"config\":{\"mediaType\":\"" + EMPTY_CONFIG + "\",\"digest\":\"" + empty
                + "\",\"size\":2},\"layers\":[{\"mediaType\":\"" + layerType + "\",\"digest\":\"" + layer
                + "\",\"size\":" + body.length + "}]" + subjectField
                + ",\"annotations\":{\"org.opencontainers.image.created\":\"2026-01-02T03:04:05Z\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Digest put(RegistryClient data, String reference, String mediaType, byte[] payload) {
        var r = data.putManifest(REPO, reference, mediaType, payload);
        if (r.statusCode() != 201) {
            throw new AssertionError("push of " + reference + " failed: " + r.statusCode() + " " + RegistryClient.text(r));
        }
        return Digest.sha256(payload);
    }
}
