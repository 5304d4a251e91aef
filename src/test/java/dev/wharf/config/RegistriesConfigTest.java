package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registries settings: defaults, environment and the {@code wharf.registries} YAML section. */
class RegistriesConfigTest {
    @TempDir
    Path dir;

    private WharfConfig load(Map<String, String> env) {
        return new ConfigLoader(env, w -> { }).load();
    }

    private WharfConfig yaml(String text) throws IOException {
        Path f = dir.resolve("config.yml");
        Files.writeString(f, text);
        return load(Map.of("WHARF_CONFIG", f.toString()));
    }

    @Test
    void defaults_areDigitalOceansTiers_oneRegion_apiOn5001() {
        RegistriesConfig r = load(Map.of()).registries();
        assertThat(r.apiAddr()).isEqualTo(":5001");
        assertThat(r.required()).isFalse();
        assertThat(r.regions()).containsExactly("local");
        assertThat(r.tiers()).extracting(RegistriesConfig.Tier::slug).containsExactly("starter", "basic", "professional");
        RegistriesConfig.Tier starter = r.tier("starter").orElseThrow();
        assertThat(starter.includedRepositories()).isEqualTo(1);
        assertThat(starter.includedStorageBytes()).isEqualTo(524_288_000L);
        assertThat(starter.includedBandwidthBytes()).isEqualTo(524_288_000L);
        assertThat(starter.allowStorageOverage()).isFalse();
        assertThat(r.tier("basic").orElseThrow().includedStorageBytes()).isEqualTo(5_368_709_120L);
        assertThat(r.tier("professional").orElseThrow().includedRepositories()).isZero();
        assertThat(r.tier("professional").orElseThrow().maxRegistries()).isEqualTo(10);
    }

    @Test
    void environment_setsApiAddressRequiredAndRegions() {
        RegistriesConfig r = load(Map.of("WHARF_API_ADDR", "127.0.0.1:6001", "WHARF_REGISTRIES_REQUIRED", "true",
                "WHARF_REGISTRIES_REGIONS", "nyc3, ams3")).registries();
        assertThat(r.apiAddr()).isEqualTo("127.0.0.1:6001");
        assertThat(r.required()).isTrue();
        assertThat(r.regions()).containsExactly("nyc3", "ams3");
        assertThat(load(Map.of("WHARF_API_ADDR", "")).registries().apiAddr()).isNull();
        assertThat(load(Map.of("WHARF_API_ADDR", "off")).registries().apiAddr()).isNull();
    }

    @Test
    void environment_badValuesNameTheSetting() {
        assertThatThrownBy(() -> load(Map.of("WHARF_API_ADDR", "nowhere"))).hasMessageContaining("WHARF_API_ADDR");
        assertThatThrownBy(() -> load(Map.of("WHARF_REGISTRIES_REQUIRED", "yes")))
                .hasMessageContaining("WHARF_REGISTRIES_REQUIRED");
        assertThatThrownBy(() -> load(Map.of("WHARF_REGISTRIES_REGIONS", "NYC 3")))
                .hasMessageContaining("WHARF_REGISTRIES_REGIONS");
    }

    @Test
    void yaml_operatorTiers() throws IOException {
        RegistriesConfig r = yaml("""
                wharf:
                  registries:
                    apiaddr: ":7001"
                    regions: [eu1]
                    tiers:
                      - slug: team
                        name: Team
                        included_repositories: 20
                        included_storage_bytes: 10000
                        allow_storage_overage: false
                        included_bandwidth_bytes: 20000
                        max_registries: 3
                """).registries();
        assertThat(r.apiAddr()).isEqualTo(":7001");
        assertThat(r.regions()).containsExactly("eu1");
        assertThat(r.tiers()).containsExactly(new RegistriesConfig.Tier("team", "Team", 20, 10000, false, 20000,
                false, 0, 0, 3));
    }

    @Test
    void yaml_badTiersNameTheField() {
        assertThatThrownBy(() -> yaml("wharf: {registries: {tiers: [{slug: x}]}}"))
                .hasMessageContaining("wharf.registries.tiers[0].included_storage_bytes");
        assertThatThrownBy(() -> yaml("wharf: {registries: {tiers: [{slug: x, included_storage_bytes: -1,"
                + " included_bandwidth_bytes: 1}]}}")).hasMessageContaining("included_storage_bytes");
        assertThatThrownBy(() -> yaml("wharf: {registries: {tiers: [{slug: x, included_storage_bytes: 1,"
                + " included_bandwidth_bytes: 1, colour: red}]}}")).hasMessageContaining("colour");
        assertThatThrownBy(() -> yaml("wharf: {registries: {tiers: []}}")).hasMessageContaining("at least one tier");
        assertThat(List.of()).isEmpty();
    }
}
