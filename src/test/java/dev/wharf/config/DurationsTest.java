package dev.wharf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "24h, PT24H", "168h, PT168H", "90m, PT1H30M", "30s, PT30S", "1h30m, PT1H30M", "1.5h, PT1H30M",
        "500ms, PT0.5S", "2h45m10s, PT2H45M10S", "0, PT0S", "1us, PT0.000001S", "10ns, PT0.00000001S"
    })
    void parsesGoDurations(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "24", "1d", "h", "1h 30m", "-1h", "1.5.5h", "PT24H", "1hh"})
    void rejectsOthers(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a duration like 24h");
    }

    @ParameterizedTest
    @CsvSource({"PT24H, 24h", "PT1H30M, 1h30m", "PT10M, 10m", "PT1M30S, 1m30s", "PT0.25S, 250ms", "PT0S, 0s",
        "PT1.5S, 1.5s"})
    void formatsWithoutZeroParts(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
    }
}
