package dev.wharf.oci;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageConfigTest {

    private static ImageConfig parse(String json) {
        return ImageConfig.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_dockerConfig_readsEveryField_asWritten() {
        ImageConfig c = parse("""
                {"created":"2024-03-01T12:00:00.5+01:00","os":"linux","architecture":"arm","variant":"v7",
                 "config":{"Env":["PATH=/bin"],"Entrypoint":["/app"],"Cmd":["serve","-v"],
                           "Labels":{"z":"last","a":"first"}},
                 "history":[{"created":"2024-03-01T11:00:00Z","created_by":"ADD x /","comment":"base"},
                            {"created_by":"CMD [\\"serve\\"]","empty_layer":true}],
                 "rootfs":{"type":"layers","diff_ids":[]}}""");

        assertThat(c.created()).isEqualTo("2024-03-01T12:00:00.5+01:00");
        assertThat(c.createdAt()).contains(Instant.parse("2024-03-01T11:00:00.5Z"));
        assertThat(c.platform()).contains(new Platform("linux", "arm", "v7"));
        assertThat(c.env()).containsExactly("PATH=/bin");
        assertThat(c.entrypoint()).containsExactly("/app");
        assertThat(c.cmd()).containsExactly("serve", "-v");
        assertThat(c.labels()).containsExactly(Map.entry("z", "last"), Map.entry("a", "first"));
        assertThat(c.history()).containsExactly(
                new ImageConfig.HistoryEntry("2024-03-01T11:00:00Z", "ADD x /", "base", false),
                new ImageConfig.HistoryEntry(null, "CMD [\"serve\"]", null, true));
        assertThat(c.history().get(0).createdAt()).contains(Instant.parse("2024-03-01T11:00:00Z"));
    }

    @Test
    void parse_notAnImageConfig_isNone() {
        assertThat(parse("{}")).isEqualTo(ImageConfig.NONE);
        assertThat(parse("[1,2]")).isEqualTo(ImageConfig.NONE);
        assertThat(parse("not json")).isEqualTo(ImageConfig.NONE);
        assertThat(parse("")).isEqualTo(ImageConfig.NONE);
        assertThat(ImageConfig.parse(new byte[] {(byte) 0xff, 0x00})).isEqualTo(ImageConfig.NONE);
        assertThat(ImageConfig.NONE.platform()).isEmpty();
        assertThat(ImageConfig.NONE.createdAt()).isEmpty();
    }

    @Test
    void parse_fieldsThatAreNotNonEmptyStrings_areAbsent() {
        ImageConfig c = parse("""
                {"created":"yesterday","os":"","architecture":7,"variant":null,
                 "config":{"Env":"PATH=/bin","Labels":["x"],"Cmd":[1,"two"]},"history":{"created":"x"}}""");

        assertThat(c.created()).isEqualTo("yesterday");
        assertThat(c.createdAt()).isEmpty();
        assertThat(c.os()).isNull();
        assertThat(c.architecture()).isNull();
        assertThat(c.variant()).isNull();
        assertThat(c.platform()).isEmpty();
        assertThat(c.env()).isEmpty();
        assertThat(c.labels()).isEmpty();
        assertThat(c.cmd()).containsExactly("1", "two");
        assertThat(c.history()).isEmpty();
    }

    @Test
    void platform_withOnlyAnArchitecture_showsTheMissingOsAsQuestionMark() {
        Optional<Platform> p = parse("{\"architecture\":\"amd64\"}").platform();
        assertThat(p.map(Platform::display)).contains("?/amd64");
        assertThat(new Platform("linux", "amd64", "").display()).isEqualTo("linux/amd64");
        assertThat(new Platform("linux", "arm64", "v8").display()).isEqualTo("linux/arm64/v8");
    }

    @Test
    void record_isImmutable() {
        ImageConfig c = parse("{\"os\":\"linux\",\"config\":{\"Labels\":{\"a\":\"1\"},\"Env\":[\"A=1\"]}}");
        assertThatThrownBy(() -> c.labels().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.env().add("B=2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
