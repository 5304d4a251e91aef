package dev.wharf.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTest {

    @Test
    void essence_stripsParametersWhitespaceAndCase() {
        assertThat(MediaTypes.essence(" Application/VND.OCI.image.manifest.v1+json; charset=utf-8"))
                .isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(MediaTypes.essence(MediaTypes.OCI_INDEX)).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(MediaTypes.essence(null)).isNull();
        assertThat(MediaTypes.essence("  ")).isNull();
        assertThat(MediaTypes.essence(";x=y")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.oci.image.manifest.v1+json", "a/b", "A/B", "text/x-c++",
            "application/vnd.cncf.helm.chart.content.v1.tar+gzip", "x/a!#$&^_.+-"})
    void isWellFormed_rfc6838Names_areAccepted(String type) {
        assertThat(MediaTypes.isWellFormed(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/", "/b", "a/b/c", "a/b;c=d", " a/b", "a/b ", "-a/b", "a/.b", "a/é", "a*/b"})
    void isWellFormed_otherShapes_areRejected(String type) {
        assertThat(MediaTypes.isWellFormed(type)).isFalse();
    }

    @Test
    void isWellFormed_nameLengths_areCappedAt127() {
        assertThat(MediaTypes.isWellFormed("a".repeat(127) + "/" + "b".repeat(127))).isTrue();
        assertThat(MediaTypes.isWellFormed("a".repeat(128) + "/b")).isFalse();
        assertThat(MediaTypes.isWellFormed("a/" + "b".repeat(128))).isFalse();
        assertThat(MediaTypes.isWellFormed(null)).isFalse();
    }

    @Test
    void isManifestType_knowsTheFourSupportedFormatsOnly() {
        assertThat(MediaTypes.isManifestType(MediaTypes.OCI_MANIFEST)).isTrue();
        assertThat(MediaTypes.isManifestType(MediaTypes.OCI_INDEX)).isTrue();
        assertThat(MediaTypes.isManifestType(MediaTypes.DOCKER_MANIFEST)).isTrue();
        assertThat(MediaTypes.isManifestType(MediaTypes.DOCKER_MANIFEST_LIST)).isTrue();
        assertThat(MediaTypes.DOCKER_SCHEMA1).noneMatch(MediaTypes::isManifestType);
        assertThat(MediaTypes.isManifestType("application/json")).isFalse();
    }

    @Test
    void predicates_answerFalseForAnAbsentType() {
        // an index without artifactType, a descriptor without a type: absent is "not one of these", never a crash
        assertThat(MediaTypes.isManifestType(null)).isFalse();
        assertThat(MediaTypes.isImageManifest(null)).isFalse();
        assertThat(MediaTypes.isIndex(null)).isFalse();
        assertThat(MediaTypes.isImageConfig(null)).isFalse();
        assertThat(MediaTypes.isForeignLayer(null)).isFalse();
        assertThat(MediaTypes.isDockerSchema1(null)).isFalse();
        assertThat(new ParsedManifest(null, null, null, null, null, null, null).isIndex()).isFalse();
    }

    @Test
    void isImageConfig_knowsOciAndDockerImageConfigsOnly() {
        assertThat(MediaTypes.isImageConfig(MediaTypes.OCI_CONFIG)).isTrue();
        assertThat(MediaTypes.isImageConfig(MediaTypes.DOCKER_CONFIG)).isTrue();
        assertThat(MediaTypes.isImageConfig(MediaTypes.OCI_EMPTY)).isFalse();
        assertThat(MediaTypes.isImageConfig("application/vnd.cncf.helm.config.v1+json")).isFalse();
    }
}
