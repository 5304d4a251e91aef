package dev.wharf.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "ubuntu", "library/ubuntu", "a/b/c/d/e", "a__b", "a--b", "a---b", "a.b", "a_b",
            "my-team/app.v2/build_1", "0", "9a/8b", "a.b.c/d_e__f-g--h"})
    void parse_specGrammar_isAccepted(String name) {
        assertThat(RepositoryName.parse(name).value()).isEqualTo(name);
        assertThat(RepositoryName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", ".", "a/../b", "../a", "a/..", "%2e%2e", "a/%2e%2e/b", "a%2fb", "A", "Library/ubuntu",
            "/a", "a/", "-a", "a-", "_a", "a_", ".a", "a.", "a___b", "a..b", "a._b", "a.-b", "a//b", "a b",
            "a\\b", "a:b", "a@b", "é", "a\u0000", "a/b/", "a\n"})
    void parse_outsideGrammar_isNameInvalid(String name) {
        assertThatThrownBy(() -> RepositoryName.parse(name)).isInstanceOfSatisfying(OciException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_INVALID));
        assertThat(RepositoryName.isValid(name)).isFalse();
    }

    @Test
    void parse_lengthLimit_is255() {
        String max = ("abcdefg/").repeat(31) + "abcdefg";

        assertThat(max).hasSize(RepositoryName.MAX_LENGTH);
        assertThat(RepositoryName.isValid(max)).isTrue();
        assertThat(RepositoryName.isValid(max + "h")).isFalse();
        assertThat(RepositoryName.isValid("a".repeat(256))).isFalse();
    }

    @Test
    void parse_hugeInput_errorDetailIsBounded() {
        assertThatThrownBy(() -> RepositoryName.parse("A".repeat(100_000))).isInstanceOfSatisfying(
                OciException.class, e -> assertThat(e.detail().toString()).hasSizeLessThan(400));
    }

    @Test
    void namespace_isFirstComponent() {
        assertThat(RepositoryName.parse("team/app/web").namespace()).isEqualTo("team");
        assertThat(RepositoryName.parse("solo").namespace()).isEqualTo("solo");
    }

    @Test
    void compareTo_isLexicographic() {
        assertThat(RepositoryName.parse("a/b")).isLessThan(RepositoryName.parse("a/c"));
        assertThat(RepositoryName.parse("x").toString()).isEqualTo("x");
    }
}
