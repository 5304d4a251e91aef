package dev.wharf.discovery.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscoveryConfigLoaderTest {
    private final Map<String, String> env = Map.of("HUB_TOKEN", "dckr_pat_x", "USER", "ci");
    private final DiscoveryConfigLoader loader = new DiscoveryConfigLoader(env::get);

    @Test
    void minimalProvider_getsEveryDefault() {
        DiscoveryConfig c = loader.parse("providers:\n  - name: hub\n    type: docker\n");
        ProviderConfig p = c.providers().get(0);
        assertThat(c.labelPrefix()).isEqualTo("devgraph.ai/");
        assertThat(p.registryType()).isEqualTo(RegistryType.DOCKER_HUB);
        assertThat(p.apiUrl()).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(p.namespace()).isEqualTo("default");
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.discoverVulnerabilities()).isFalse();
        assertThat(p.retries()).isEqualTo(3);
        assertThat(p.selectors()).singleElement().satisfies(s -> {
            assertThat(s.namespacePattern().pattern()).isEqualTo(".*");
            assertThat(s.repositoryPattern().pattern()).isEqualTo(".*");
            assertThat(s.includeTags()).isEmpty();
            assertThat(s.excludeTags()).isEmpty();
            assertThat(s.maxTags()).isEqualTo(10);
        });
    }

    @Test
    void everyField_andEnvironmentReferences() {
        DiscoveryConfig c = loader.parse("""
                label_prefix: example.com/
                providers:
                  - name: gh
                    type: docker
                    config:
                      registry_type: ghcr
                      api_url: https://ghcr.io/
                      username: ${USER}
                      token: ${HUB_TOKEN}
                      namespace: prod
                      timeout: 5
                      discover_vulnerabilities: true
                      retries: 0
                      page_size: 50
                      concurrency: 2
                      selectors:
                        - namespace_pattern: myorg
                          repository_pattern: "app|web"
                          include_tags: [v1, v2]
                          exclude_tags: ["-rc.*"]
                          max_tags: 3
                """);
        ProviderConfig p = c.providers().get(0);
        assertThat(c.labelPrefix()).isEqualTo("example.com/");
        assertThat(p.apiUrl()).isEqualTo(URI.create("https://ghcr.io"));
        assertThat(p.username()).isEqualTo("ci");
        assertThat(p.token()).isEqualTo("dckr_pat_x");
        assertThat(p.toString()).doesNotContain("dckr_pat_x");
        assertThat(c.secrets()).containsExactly("dckr_pat_x");
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.discoverVulnerabilities()).isTrue();
        assertThat(List.of(p.retries(), p.pageSize(), p.concurrency())).containsExactly(0, 50, 2);
        Selector s = p.selectors().get(0);
        assertThat(s.matchesRepository("myorg", "web")).isTrue();
        assertThat(s.matchesRepository("myorg", "webx")).isFalse();
        assertThat(s.matchesTag("v1")).isTrue();
        assertThat(s.matchesTag("v3")).isFalse();
        assertThat(s.maxTags()).isEqualTo(3);
    }

    @Test
    void invalidConfig_isRefusedNamingTheField() {
        refused("providers: []", "providers");
        refused("nope: 1\nproviders: []", "nope");
        refused("providers:\n  - type: docker\n", "providers[0].name");
        refused("providers:\n  - name: a\n    type: helm\n", "providers[0].type");
        refused("providers:\n  - name: a\n    type: docker\n  - name: a\n    type: docker\n", "providers[1].name");
        refused(cfg("registry_type: quay"), "providers[0].config.registry_type");
        refused(cfg("api_url: ftp://x"), "providers[0].config.api_url");
        refused(cfg("api_url: https://user:pw@x"), "providers[0].config.api_url");
        refused(cfg("timeout: soon"), "providers[0].config.timeout");
        refused(cfg("timeout: 0"), "providers[0].config.timeout");
        refused(cfg("discover_vulnerabilities: maybe"), "providers[0].config.discover_vulnerabilities");
        refused(cfg("password: ${UNSET_VARIABLE}"), "providers[0].config.password");
        refused(cfg("selectors: {}"), "providers[0].config.selectors");
        refused(cfg("selectors:\n        - repository_pattern: \"[\""), "providers[0].config.selectors[0].repository_pattern");
        refused(cfg("selectors:\n        - exclude_tags: [\"(\"]"), "providers[0].config.selectors[0].exclude_tags");
        refused(cfg("selectors:\n        - max_tags: 0"), "providers[0].config.selectors[0].max_tags");
        refused(cfg("selectors:\n        - include_tags: v1"), "providers[0].config.selectors[0].include_tags");
        refused(cfg("selectors:\n        - max_tag: 1"), "providers[0].config.selectors[0].max_tag");
        refused("providers: [", "(file)");
    }

    @Test
    void unsetVariable_messageNamesItButNoValue() {
        assertThatThrownBy(() -> loader.parse(cfg("token: ${NOT_SET}")))
                .hasMessage("providers[0].config.token: environment variable NOT_SET is not set");
    }

    private static String cfg(String line) {
        return "providers:\n  - name: a\n    type: docker\n    config:\n      " + line + "\n";
    }

    private void refused(String yaml, String field) {
        assertThatThrownBy(() -> loader.parse(yaml)).isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }
}
