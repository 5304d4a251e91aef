package dev.wharf.auth.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wharf.auth.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scope syntax, repository globs, token text and the docker credential formats. */
class ScopesAndFormatsTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            team/*     | team/app       | true
            team/*     | team/a/b       | true
            team/*     | team           | false
            team/*     | teamx/app      | false
            team       | team           | true
            team       | team/app/x     | true
            team       | teamx/app      | false
            team/app   | team/app       | true
            team/app   | team/app2      | false
            *          | anything/at/all | true
            */app      | team/app       | true
            */app      | team/web       | false
            team/*-dev | team/web-dev   | true
            team/*-dev | team/web-prod  | false
            a*a*a*a*b  | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | false
            """)
    void glob(String pattern, String repository, boolean expected) {
        assertThat(new RepositoryPattern(pattern).matches(repository)).isEqualTo(expected);
    }

    @Test
    void scope_parsesAndPrintsBack() {
        TokenScope s = TokenScope.parse("team/*:push,pull");
        assertThat(s.actions()).containsExactlyInAnyOrder(Action.PULL, Action.PUSH);
        assertThat(s.toString()).isEqualTo("team/*:pull,push");
        assertThat(TokenScope.parse(s.toString())).isEqualTo(s);
        assertThat(s.on("team/app")).containsExactlyInAnyOrder(Action.PULL, Action.PUSH);
        assertThat(s.on("web/app")).isEmpty();
        assertThat(new RepositoryPattern("team/*").registry()).isEqualTo("team");
        assertThat(new RepositoryPattern("*/app").registry()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "team", ":pull", "team:", "team:fly", "team:pull,", "team:*", "Team/App:pull",
        "team app:pull", "team/%2e%2e:pull"})
    void scope_badSyntax_isInvalidWithAHint(String text) {
        assertThatThrownBy(() -> TokenScope.parse(text)).isInstanceOf(AccountException.class)
                .hasMessageMatching("(invalid scope|unknown action|invalid repository pattern).*")
                .extracting(e -> ((AccountException) e).kind()).isEqualTo(AccountException.Kind.INVALID);
    }

    @Test
    void tokenText_roundTrips_andHidesItsSecret() {
        TokenString t = TokenString.generate(AccessToken.Kind.PAT);
        assertThat(TokenString.parse(t.text())).contains(t);
        assertThat(t.toString()).doesNotContain(t.secret());
        assertThat(TokenString.parse("wharf_pat_short_x")).isEmpty();
        assertThat(TokenString.parse(t.text() + "x")).isEmpty();
        assertThat(TokenString.parse("a password")).isEmpty();
        assertThat(TokenString.generate(AccessToken.Kind.DOCKER).text()).startsWith("wharf_dcr_");
    }

    @Test
    void dockerConfigJson_hasOneHostWithBase64UserColonPassword() throws Exception {
        String json = DockerConfigFormat.dockerConfigJson("registry.example.com", "alice", "wharf_dcr_x_y");
        JsonNode auth = new ObjectMapper().readTree(json).path("auths").path("registry.example.com").path("auth");
        assertThat(new String(Base64.getDecoder().decode(auth.asText()), StandardCharsets.UTF_8))
                .isEqualTo("alice:wharf_dcr_x_y");
        assertThatThrownBy(() -> DockerConfigFormat.dockerConfigJson("h", "a:b", "c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DockerConfigFormat.dockerConfigJson("", "a", "c"))
                .hasMessageContaining("registry host");
    }

    @Test
    void kubernetesSecret_isTheDockerConfigJsonType_withTheConfigBase64() throws Exception {
        String json = DockerConfigFormat.dockerConfigJson("localhost:5000", "ci", "secret");
        JsonNode secret = new YAMLMapper().readTree(DockerConfigFormat.kubernetesSecret("apps", "pull", json));
        assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(new String(Base64.getDecoder().decode(secret.path("data").path(".dockerconfigjson").asText()),
                StandardCharsets.UTF_8)).isEqualTo(json);
        assertThatThrownBy(() -> DockerConfigFormat.kubernetesSecret("apps", "-bad", json))
                .hasMessageContaining("invalid Kubernetes name");
        assertThatThrownBy(() -> DockerConfigFormat.kubernetesSecret("x".repeat(64), "ok", json))
                .hasMessageContaining("invalid Kubernetes namespace");
    }

    @Test
    void configuredPublicPatterns_letAnyonePull_badPatternRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (var store = dev.wharf.meta.JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            var policy = AccountServices.create(store, java.util.List.of("library/*", "docs")).policy();
            var all = EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE);
            assertThat(policy.allowed(dev.wharf.auth.Principal.ANONYMOUS, "library/alpine", all))
                    .containsExactly(Action.PULL);
            assertThat(policy.allowed(dev.wharf.auth.Principal.ANONYMOUS, "docs/site", all)).containsExactly(Action.PULL);
            assertThat(policy.allowed(dev.wharf.auth.Principal.ANONYMOUS, "team/app", all)).isEmpty();
            assertThat(policy.mayListCatalog(dev.wharf.auth.Principal.ANONYMOUS)).isTrue();
            assertThat(AccountServices.create(store).policy().mayListCatalog(dev.wharf.auth.Principal.ANONYMOUS))
                    .isFalse();
            assertThatThrownBy(() -> AccountServices.create(store, java.util.List.of("Library/*")))
                    .hasMessageContaining("invalid repository pattern");
        }
    }

    @Test
    void roleActions() {
        assertThat(DefaultAccessPolicy.actions(dev.wharf.auth.RegistryRoles.Role.READER)).isEqualTo(EnumSet.of(Action.PULL));
        assertThat(DefaultAccessPolicy.actions(dev.wharf.auth.RegistryRoles.Role.WRITER))
                .isEqualTo(EnumSet.of(Action.PULL, Action.PUSH));
        assertThat(DefaultAccessPolicy.actions(dev.wharf.auth.RegistryRoles.Role.ADMIN))
                .isEqualTo(EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE));
    }
}
