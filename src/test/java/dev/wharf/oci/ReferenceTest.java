package dev.wharf.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.0.0", "_x", "A", "0", "1.2.3-rc.1_build-7", "UPPER_lower.9-"})
    void parse_validTag_returnsTag(String tag) {
        Reference r = Reference.parse(tag);

        assertThat(r).isEqualTo(new Reference.Tag(tag));
        assertThat(r.toString()).isEqualTo(tag);
    }

    @Test
    void parse_tagLengthLimit_is128() {
        assertThat(Reference.parse("a".repeat(128))).isInstanceOf(Reference.Tag.class);
        assertThat(Reference.isValidTag("a".repeat(129))).isFalse();
        assertThatThrownBy(() -> Reference.parse("a".repeat(129))).isInstanceOf(OciException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-x", ".x", "a/b", "a+b", "a b", "é", "a@b", "tag\n", "%2e"})
    void parse_invalidTag_isRejected(String tag) {
        assertThatThrownBy(() -> Reference.parse(tag)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TAG_INVALID));
        assertThat(Reference.isValidTag(tag)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sha256:abc", "md5:x", "latest:tag", "a b"})
    void tryParse_neitherTagNorDigest_isEmpty(String text) {
        assertThat(Reference.tryParse(text)).isEmpty();
    }

    @Test
    void tryParse_validReferences_areParsed() {
        assertThat(Reference.tryParse("v1.0")).contains(new Reference.Tag("v1.0"));
        assertThat(Reference.tryParse(ManifestSamples.A)).contains(new Reference.ByDigest(Digest.parse(ManifestSamples.A)));
    }

    @Test
    void parse_digest_returnsByDigest() {
        Reference r = Reference.parse(ManifestSamples.A);

        assertThat(r).isEqualTo(new Reference.ByDigest(Digest.parse(ManifestSamples.A)));
        assertThat(r.toString()).isEqualTo(ManifestSamples.A);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:abc", "md5:x", "latest:tag"})
    void parse_textWithColon_isTreatedAsDigest(String text) {
        assertThatThrownBy(() -> Reference.parse(text)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
    }

    @Test
    void tagConstructor_hugeInvalidName_hasBoundedDetail() {
        assertThatThrownBy(() -> new Reference.Tag("-".repeat(10_000))).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.detail().toString()).hasSizeLessThanOrEqualTo(200));
    }
}
