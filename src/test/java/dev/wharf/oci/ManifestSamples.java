package dev.wharf.oci;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Valid manifest payloads shared by the parser's unit and fuzz tests. */
final class ManifestSamples {
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha512:" + "c".repeat(128);
    static final String EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    static final String OCI_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "%s", "size": 7023},
              "layers": [
                {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "%s", "size": 32654},
                {"mediaType": "application/vnd.oci.image.layer.v1.tar+zstd", "digest": "%s", "size": 16724,
                 "annotations": {"org.opencontainers.image.title": "layer2"}}
              ],
              "annotations": {"com.example.key1": "value1", "com.example.key2": "value2"}
            }""".formatted(A, B, C);

    static final String ARTIFACT = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "artifactType": "application/vnd.example.sbom.v1",
              "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": "%s", "size": 2, "data": "e30="},
              "layers": [],
              "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 1234}
            }""".formatted(EMPTY_DIGEST, A);

    static final String OCI_INDEX = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.index.v1+json",
              "manifests": [
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 7143,
                 "platform": {"architecture": "ppc64le", "os": "linux"}},
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 7682,
                 "platform": {"architecture": "arm", "os": "linux", "variant": "v7", "os.features": ["x"]}}
              ],
              "annotations": {"com.example.key1": "value1"}
            }""".formatted(A, B);

    static final String DOCKER_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
              "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023, "digest": "%s"},
              "layers": [
                {"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 32654, "digest": "%s"},
                {"mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", "size": 1000,
                 "digest": "%s", "urls": ["https://mcr.microsoft.com/v2/windows/blobs/x"]}
              ]
            }""".formatted(A, B, C);

    static final String DOCKER_LIST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
              "manifests": [
                {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 7143, "digest": "%s",
                 "platform": {"architecture": "amd64", "os": "linux"}},
                {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 7682, "digest": "%s",
                 "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}}
              ]
            }""".formatted(A, B);

    static final List<String> ALL = List.of(OCI_MANIFEST, ARTIFACT, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

    private ManifestSamples() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI index with {@code n} entries, each with a platform and distinct digest. */
    static byte[] bigIndex(int n) {
        var sb = new StringBuilder(n * 200 + 100);
        sb.append("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:")
                    .append(String.format("%064x", i))
                    .append("\",\"size\":").append(i)
                    .append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}");
        }
        return bytes(sb.append("]}").toString());
    }
}
