package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The staged-bytes cap and the connection settings: defaults, environment, YAML, and errors naming the setting. */
class LimitsConfigTest {
    @TempDir
    Path dir;

    private static WharfConfig load(Map<String, String> env) {
        return new ConfigLoader(env, w -> { }).load();
    }

    @Test
    void defaults() {
        WharfConfig c = load(Map.of());
        assertThat(c.uploads().maxStaged()).isEqualTo(new WharfConfig.StagedCap(0, 50));
        assertThat(c.uploads().maxStaged().resolve(1000)).isEqualTo(500);
        assertThat(c.http().connections()).isEqualTo(new WharfConfig.Connections(Duration.ofSeconds(20),
                Duration.ofSeconds(60), 4096));
    }

    @ParameterizedTest
    @CsvSource({"10GiB, 10737418240", "512mib, 536870912", "1073741824, 1073741824", "2K, 2048", "1 TiB, 1099511627776"})
    void stagedCapInBytes(String raw, long bytes) {
        WharfConfig.StagedCap cap = load(Map.of("WHARF_UPLOADS_MAXSTAGEDBYTES", raw)).uploads().maxStaged();
        assertThat(cap.resolve(1)).isEqualTo(bytes);
    }

    @Test
    void stagedCapAsAShareOfTheFreeSpace() {
        WharfConfig.StagedCap cap = load(Map.of("WHARF_UPLOADS_MAXSTAGEDBYTES", "25%")).uploads().maxStaged();
        assertThat(cap.resolve(4000)).isEqualTo(1000);
    }

    @Test
    void environment() {
        WharfConfig.Connections c = load(Map.of("WHARF_HTTP_HEADERTIMEOUT", "5s", "WHARF_HTTP_IDLETIMEOUT", "2m",
                "WHARF_HTTP_MAXCONNECTIONS", "100")).http().connections();
        assertThat(c).isEqualTo(new WharfConfig.Connections(Duration.ofSeconds(5), Duration.ofMinutes(2), 100));
    }

    @Test
    void yaml() throws IOException {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, """
                wharf:
                  http:
                    headertimeout: 3s
                    idletimeout: 90s
                    maxconnections: 10
                  uploads:
                    maxstagedbytes: 1GiB
                """);
        WharfConfig c = load(Map.of("WHARF_CONFIG", file.toString()));
        assertThat(c.http().connections()).isEqualTo(new WharfConfig.Connections(Duration.ofSeconds(3),
                Duration.ofSeconds(90), 10));
        assertThat(c.uploads().maxStaged()).isEqualTo(WharfConfig.StagedCap.ofBytes(1L << 30));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "WHARF_UPLOADS_MAXSTAGEDBYTES | lots | expected a size like 64MiB",
        "WHARF_UPLOADS_MAXSTAGEDBYTES | 0 | must be more than 0",
        "WHARF_UPLOADS_MAXSTAGEDBYTES | 0% | expected a share of the free space from 1% to 100%",
        "WHARF_UPLOADS_MAXSTAGEDBYTES | 150% | expected a share of the free space from 1% to 100%",
        "WHARF_UPLOADS_MAXSTAGEDBYTES | 99999999999TiB | too large",
        "WHARF_HTTP_HEADERTIMEOUT | 0s | must be longer than 0",
        "WHARF_HTTP_IDLETIMEOUT | soon | expected a duration",
        "WHARF_HTTP_MAXCONNECTIONS | 0 | expected a whole number of at least 1",
        "WHARF_HTTP_MAXCONNECTIONS | many | expected a whole number of at least 1",
    })
    void invalidValuesStopWharfNamingTheSetting(String name, String value, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(Map.of(name, value)));
        assertThat(e.setting()).isEqualTo(name);
        assertThat(e).hasMessageContaining(message);
    }
}
