package dev.wharf.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.wharf.oci.ManifestSamples.A;
import static dev.wharf.oci.ManifestSamples.B;
import static dev.wharf.oci.ManifestSamples.C;
import static dev.wharf.oci.ManifestSamples.EMPTY_DIGEST;
import static dev.wharf.oci.ManifestSamples.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ManifestParserTest {
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static ParsedManifest parse(String json, String contentType) {
        return ManifestParser.parse(bytes(json), contentType);
    }

    private static OciException invalid(String json, String contentType) {
        return invalid(bytes(json), contentType);
    }

    private static OciException invalid(byte[] payload, String contentType) {
        OciException e = catchThrowableOfType(OciException.class, () -> ManifestParser.parse(payload, contentType));
        assertThat(e).as("expected an OciException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.detail()).isInstanceOf(Map.class);
        assertThat(detail(e)).containsKey("reason");
        assertThat(e.getMessage()).doesNotContainIgnoringCase("jackson").doesNotContain("com.fasterxml", "Feature", "`");
        return e;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(OciException e) {
        return (Map<String, Object>) e.detail();
    }

    /** A minimal OCI manifest whose first layer descriptor body is {@code layer}. */
    private static String withLayer(String layer) {
        return """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":1},
                 "layers":[%s]}""".formatted(A, layer);
    }

    private static String layer(String extra) {
        return "{\"mediaType\":\"" + OCI_LAYER + "\",\"digest\":\"" + B + "\",\"size\":5" + extra + "}";
    }

    @Test
    void parse_ociImageManifest_returnsConfigLayersAndAnnotations() {
        ParsedManifest m = parse(ManifestSamples.OCI_MANIFEST, MediaTypes.OCI_MANIFEST);

        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.isIndex()).isFalse();
        assertThat(m.config()).isEqualTo(Descriptor.of(MediaTypes.OCI_CONFIG, Digest.parse(A), 7023));
        assertThat(m.layers()).extracting(Descriptor::digest).extracting(Digest::toString).containsExactly(B, C);
        assertThat(m.layers().get(1).annotations()).containsEntry("org.opencontainers.image.title", "layer2");
        assertThat(m.annotations()).containsExactly(Map.entry("com.example.key1", "value1"),
                Map.entry("com.example.key2", "value2"));
        assertThat(m.manifests()).isEmpty();
        assertThat(m.subject()).isNull();
        assertThat(m.artifactType()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(m.requiredBlobs()).extracting(Digest::toString).containsExactly(A, B, C);
    }

    @Test
    void parse_artifactWithEmptyConfig_usesDeclaredArtifactTypeAndSubject() {
        ParsedManifest m = parse(ManifestSamples.ARTIFACT, MediaTypes.OCI_MANIFEST);

        assertThat(m.artifactType()).isEqualTo("application/vnd.example.sbom.v1");
        assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_EMPTY);
        assertThat(m.config().digest()).isEqualTo(Digest.sha256(bytes("{}")));
        assertThat(m.config().digest().toString()).isEqualTo(EMPTY_DIGEST);
        assertThat(m.layers()).isEmpty();
        assertThat(m.subject().digest().toString()).isEqualTo(A);
    }

    @Test
    void parse_ociIndex_returnsChildrenWithPlatforms() {
        ParsedManifest m = parse(ManifestSamples.OCI_INDEX, MediaTypes.OCI_INDEX);

        assertThat(m.isIndex()).isTrue();
        assertThat(m.config()).isNull();
        assertThat(m.layers()).isEmpty();
        assertThat(m.manifests()).extracting(Descriptor::platform).containsExactly(
                new Platform("linux", "ppc64le", null), new Platform("linux", "arm", "v7"));
        assertThat(m.requiredManifests()).extracting(Digest::toString).containsExactly(A, B);
        assertThat(m.requiredBlobs()).isEmpty();
        assertThat(m.artifactType()).isNull();
    }

    @Test
    void parse_indexWithArtifactTypeAndSubject_returnsThem() {
        String json = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
                 "artifactType":"application/vnd.example.signature","manifests":[],
                 "subject":{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"%s","size":3}}"""
                .formatted(A);

        ParsedManifest m = parse(json, null);

        assertThat(m.artifactType()).isEqualTo("application/vnd.example.signature");
        assertThat(m.subject().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(m.manifests()).isEmpty();
    }

    @Test
    void parse_dockerManifest_returnsLayersAndSkipsForeignLayer() {
        ParsedManifest m = parse(ManifestSamples.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST);

        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.artifactType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
        assertThat(m.layers()).hasSize(2);
        assertThat(m.layers().get(1).urls()).containsExactly("https://mcr.microsoft.com/v2/windows/blobs/x");
        assertThat(m.requiredBlobs()).extracting(Digest::toString).containsExactly(A, B);
    }

    @Test
    void parse_dockerManifestList_returnsChildren() {
        ParsedManifest m = parse(ManifestSamples.DOCKER_LIST, MediaTypes.DOCKER_MANIFEST_LIST);

        assertThat(m.isIndex()).isTrue();
        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(m.manifests()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.manifests().get(1).platform()).isEqualTo(new Platform("linux", "arm64", "v8"));
        assertThat(m.requiredManifests()).extracting(Digest::toString).containsExactly(A, B);
    }

    @Test
    void parse_payloadWithoutMediaType_usesContentTypeStrippedOfParameters() {
        String json = ManifestSamples.OCI_INDEX.replace("\"mediaType\": \"application/vnd.oci.image.index.v1+json\",", "");

        ParsedManifest m = parse(json, "Application/VND.oci.image.index.v1+json ; charset=utf-8");

        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    }

    @Test
    void parse_noMediaTypeAnywhere_infersOciTypeFromShape() {
        String manifest = ManifestSamples.OCI_MANIFEST.replace(
                "\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",", "");
        String index = ManifestSamples.OCI_INDEX.replace(
                "\"mediaType\": \"application/vnd.oci.image.index.v1+json\",", "");

        assertThat(parse(manifest, null).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(parse(manifest, "application/octet-stream").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(parse(index, "").mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    }

    @Test
    void parse_contentTypeDiffersFromPayloadMediaType_isInvalid() {
        OciException e = invalid(ManifestSamples.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);

        assertThat(e.getMessage()).contains("does not match Content-Type");
        assertThat(detail(e)).containsEntry("contentType", MediaTypes.DOCKER_MANIFEST);
        invalid(ManifestSamples.OCI_MANIFEST, "application/json");
    }

    @Test
    void parse_dockerTypeWithoutMediaTypeField_isInvalid() {
        String json = ManifestSamples.DOCKER_MANIFEST.replace(
                "\"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",", "");

        assertThat(invalid(json, MediaTypes.DOCKER_MANIFEST).getMessage()).contains("mediaType field is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws", "application/vnd.oci.image.config.v1+json"})
    void parse_unsupportedPayloadMediaType_isInvalid(String type) {
        String json = ManifestSamples.OCI_MANIFEST.replace(MediaTypes.OCI_MANIFEST, type);

        assertThat(invalid(json, type).getMessage()).contains("unsupported manifest media type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws"})
    void parse_schema1ContentTypeWithoutMediaTypeField_isUnsupported(String type) {
        String schema1 = """
                {"schemaVersion":1,"name":"library/x","tag":"latest","architecture":"amd64",
                 "fsLayers":[{"blobSum":"%s"}],"history":[{"v1Compatibility":"{}"}]}""".formatted(A);
        String shapedLikeOci = ManifestSamples.OCI_MANIFEST.replace(
                "\"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",", "");

        assertThat(invalid(schema1, type).getMessage()).contains("unsupported manifest media type");
        assertThat(invalid(shapedLikeOci, type).getMessage()).contains("unsupported manifest media type");
    }

    @Test
    void parse_unrecognisableShapeWithoutMediaType_isUnsupported() {
        assertThat(invalid("{\"schemaVersion\":2}", "text/plain").getMessage())
                .contains("unsupported manifest media type");
        assertThat(invalid("{\"schemaVersion\":2,\"config\":{}}", null).getMessage())
                .contains("unsupported manifest media type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "\"2\"", "2.0", "null", "-2", "4294967298"})
    void parse_schemaVersionNotTwo_isInvalid(String version) {
        String json = ManifestSamples.OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": " + version);

        assertThat(invalid(json, null).getMessage()).contains("schemaVersion");
    }

    @Test
    void parse_payloadAboveLimit_isSizeInvalid() {
        byte[] big = new byte[ManifestParser.MAX_MANIFEST_BYTES + 1];

        assertThatThrownBy(() -> ManifestParser.parse(big, MediaTypes.OCI_MANIFEST))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void parse_payloadExactlyAtLimit_isAccepted() {
        String json = ManifestSamples.OCI_MANIFEST;
        String padded = json + " ".repeat(ManifestParser.MAX_MANIFEST_BYTES - bytes(json).length);

        assertThat(ManifestParser.parse(bytes(padded), null).layers()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "{", "[]", "null", "42", "\"x\"", "{} {}", "{}x", "{\"a\":1,}", "{'a':1}",
            "{\"schemaVersion\":2 /* c */}", "{\"schemaVersion\":NaN}", "{\"schemaVersion\":02}", "\uFEFF{}",
            "{\"schemaVersion\":2,\"schemaVersion\":2}"})
    void parse_malformedOrNonObjectJson_isManifestInvalid(String text) {
        invalid(text, MediaTypes.OCI_MANIFEST);
    }

    @Test
    void parse_duplicateKeyInNestedDescriptor_isInvalid() {
        invalid(withLayer(layer(",\"digest\":\"" + A + "\"")), null);
    }

    @Test
    void parse_nonUtf8Encodings_areInvalid() {
        invalid(new byte[]{'{', (byte) 0xC3, '}'}, null);
        invalid(ManifestSamples.OCI_MANIFEST.getBytes(StandardCharsets.UTF_16LE), null);
        invalid(new byte[0], null);
        invalid((byte[]) null, null);
    }

    @Test
    void parse_hostileNesting_isInvalidWithoutStackOverflow() {
        String deep = "{\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";

        assertThat(invalid(deep, null).getMessage()).contains("nesting depth");
    }

    @Test
    void parse_badLayerDigest_isManifestInvalidNamingTheDigest() {
        String bad = "sha256:" + "Z".repeat(64);

        OciException e = invalid(withLayer(layer("").replace(B, bad)), null);

        assertThat(detail(e)).containsEntry("digest", bad).containsEntry("field", "layers[0].digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5:d41d8cd98f00b204e9800998ecf8427e", "sha256:abc", "sha256", "", "sha256:" + "A"})
    void parse_badConfigDigest_isManifestInvalidNotDigestInvalid(String digest) {
        String json = withLayer("").replace(A, digest);

        assertThat(detail(invalid(json, null))).containsEntry("field", "config.digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"10\"", "1e3", "99999999999999999999999", "null", "true", "{}"})
    void parse_badDescriptorSize_isInvalid(String size) {
        OciException e = invalid(withLayer(layer("").replace("\"size\":5", "\"size\":" + size)), null);

        assertThat(detail(e)).containsEntry("field", "layers[0].size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application", "application/", "/json", "a/b/c", " application/x",
            "application/x; p=1", "application/x y", "-app/x", "application/é", "42"})
    void parse_malformedDescriptorMediaType_isInvalid(String mediaType) {
        String json = withLayer(layer("").replace(OCI_LAYER, mediaType));

        assertThat(detail(invalid(json, null))).containsEntry("field", "layers[0].mediaType");
    }

    @ParameterizedTest
    @ValueSource(strings = {",\"urls\":\"https://x\"", ",\"urls\":[1]", ",\"urls\":[\"relative/path\"]",
            ",\"urls\":[\"http://bad host\"]", ",\"annotations\":{\"k\":1}", ",\"annotations\":[]",
            ",\"artifactType\":7", ",\"artifactType\":\"nope\"", ",\"platform\":{\"os\":\"linux\"}",
            ",\"platform\":\"linux/amd64\"", ",\"data\":\"!!\"", ",\"data\":\"e30=\"", ",\"data\":\"AAAAAA==\"",
            ",\"data\":\"aGVsbG8=\""})
    void parse_invalidOptionalDescriptorFields_areInvalid(String extra) {
        invalid(withLayer(layer(extra)), null);
    }

    @Test
    void parse_validOptionalDescriptorFields_areKept() {
        ParsedManifest m = parse(withLayer(layer(",\"urls\":[\"https://example.com/b\"],\"artifactType\":\"a/b\","
                + "\"annotations\":{},\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"},\"future\":[1]")), null);

        Descriptor d = m.layers().get(0);
        assertThat(d.urls()).containsExactly("https://example.com/b");
        assertThat(d.artifactType()).isEqualTo("a/b");
        assertThat(d.platform()).isEqualTo(new Platform("linux", "amd64", null));
    }

    @Test
    void parse_explicitNullOptionalFields_areTreatedAsAbsent() {
        ParsedManifest m = parse(withLayer(layer(",\"urls\":null,\"annotations\":null"))
                .replace("\"layers\"", "\"subject\":null,\"artifactType\":null,\"annotations\":null,\"layers\""), null);

        assertThat(m.subject()).isNull();
        assertThat(m.annotations()).isEmpty();
        assertThat(m.layers().get(0).urls()).isEmpty();
    }

    @Test
    void parse_missingOrMistypedStructure_isInvalid() {
        invalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"layers\":[]}", null);
        invalid(withLayer("").replace("\"layers\":[]", "\"layers\":{}"), null);
        invalid(withLayer("").replace("\"layers\":[]", "\"layers\":null"), null);
        invalid(withLayer("1"), null);
        invalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"}", null);
        invalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[null]}", null);
        invalid(withLayer("").replace("\"layers\"", "\"annotations\":{\"a\":[\"b\"]},\"layers\""), null);
        invalid(withLayer("").replace("\"layers\"", "\"subject\":\"sha256:x\",\"layers\""), null);
        invalid(withLayer("").replace("\"layers\"", "\"mediaType\":5,\"layers\""), null);
    }

    @Test
    void parse_manifestCarryingIndexFieldsOrViceVersa_isInvalid() {
        String manifestWithChildren = withLayer("").replace("\"layers\"", "\"manifests\":[],\"layers\"");
        String indexWithLayers = ManifestSamples.OCI_INDEX.replace("\"manifests\"", "\"layers\":[],\"manifests\"");
        String indexWithConfig = ManifestSamples.DOCKER_LIST.replace("\"manifests\"",
                "\"config\":" + layer("") + ",\"manifests\"");

        assertThat(invalid(manifestWithChildren, null).getMessage()).contains("must not contain manifests");
        assertThat(invalid(indexWithLayers, null).getMessage()).contains("must not contain layers");
        assertThat(invalid(indexWithConfig, null).getMessage()).contains("must not contain config");
    }

    @Test
    void parse_hugeEchoedValues_areTruncatedInErrors() {
        String bad = "sha256:" + "q".repeat(5000);

        OciException e = invalid(withLayer(layer("").replace(B, bad)), null);

        assertThat(e.getMessage().length()).isLessThan(400);
        assertThat(detail(e).get("digest").toString().length()).isLessThan(300);
    }
}
