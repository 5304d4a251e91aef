package dev.wharf.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestTest {
    private static final String EMPTY_SHA256 =
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parse_sha256_roundTrips() {
        Digest d = Digest.parse(EMPTY_SHA256);

        assertThat(d.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(d.hex()).hasSize(64);
        assertThat(d.toString()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void parse_sha512_roundTrips() {
        String text = "sha512:" + "0123456789abcdef".repeat(8);

        assertThat(Digest.parse(text).algorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(Digest.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"sha256", "sha256:", ":abc", "sha256:abc",
            "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
            "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "md5:d41d8cd98f00b204e9800998ecf8427e", "blake3:abcd",
            "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            " sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
    void parse_malformedOrUnsupported_isDigestInvalid(String text) {
        assertThatThrownBy(() -> Digest.parse(text)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
    }

    @Test
    void parse_hugeInput_isRejectedWithBoundedDetail() {
        String huge = "sha256:" + "a".repeat(100_000);

        assertThatThrownBy(() -> Digest.parse(huge)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.detail().toString()).hasSizeLessThanOrEqualTo(200));
    }

    @Test
    void sha256_ofContent_matchesKnownVectors() {
        assertThat(Digest.sha256(new byte[0]).toString()).isEqualTo(EMPTY_SHA256);
        assertThat(Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo(ManifestSamples.EMPTY_DIGEST);
        assertThat(Digest.of(DigestAlgorithm.SHA512, new byte[0]).hex()).startsWith("cf83e1357eefb8bd");
    }

    @Test
    void finish_streamedHash_equalsOneShotDigest() {
        var md = DigestAlgorithm.SHA256.newMessageDigest();
        md.update("ab".getBytes(StandardCharsets.UTF_8));
        md.update("c".getBytes(StandardCharsets.UTF_8));

        assertThat(Digest.finish(DigestAlgorithm.SHA256, md))
                .isEqualTo(Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void constructor_invalidHex_isRejected() {
        assertThatThrownBy(() -> new Digest(DigestAlgorithm.SHA256, "abc")).isInstanceOf(OciException.class);
        assertThatThrownBy(() -> new Digest(null, "abc")).isInstanceOf(OciException.class);
        assertThatThrownBy(() -> new Digest(DigestAlgorithm.SHA256, null)).isInstanceOf(OciException.class);
    }

    @Test
    void looksLikeDigest_needsAColonAfterSomething() {
        assertThat(Digest.looksLikeDigest("sha256:x")).isTrue();
        assertThat(Digest.looksLikeDigest("latest")).isFalse();
        assertThat(Digest.looksLikeDigest(":x")).isFalse();
        assertThat(Digest.looksLikeDigest(null)).isFalse();
    }

    @Test
    void compareTo_ordersByTextAndAgreesWithEquals() {
        Digest a = Digest.parse(ManifestSamples.A);
        Digest b = Digest.parse(ManifestSamples.B);

        assertThat(a).isLessThan(b);
        assertThat(a.compareTo(Digest.parse(ManifestSamples.A))).isZero();
        assertThat(a).isEqualTo(Digest.parse(ManifestSamples.A)).hasSameHashCodeAs(Digest.parse(ManifestSamples.A));
    }
}
