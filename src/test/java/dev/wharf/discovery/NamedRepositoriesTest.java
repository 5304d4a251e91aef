package dev.wharf.discovery;

import dev.wharf.discovery.config.RegistryType;
import dev.wharf.discovery.config.Selector;
import dev.wharf.discovery.graph.Names;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NamedRepositoriesTest {
    @Test
    void literalsName_repositories_wildcardsWarn() {
        NamedRepositories.Result r = NamedRepositories.of(List.of(sel(".*", "nginx|redis"), sel("myorg", "app"),
                sel(".*", "bitnami/postgresql"), sel("my.*", "app"), sel(".*", ".*")), RegistryType.DOCKER_HUB, "why");
        assertThat(r.repositories().keySet()).containsExactly("library/nginx", "library/redis", "myorg/app",
                "bitnami/postgresql");
        assertThat(r.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("why: selectors["));
        assertThat(NamedRepositories.of(List.of(sel(".*", "tool")), RegistryType.GHCR, "x").repositories())
                .containsOnlyKeys("tool");
        assertThat(NamedRepositories.of(List.of(sel("org", "my\\.app")), RegistryType.GHCR, "x").repositories())
                .containsOnlyKeys("org/my.app");
    }

    @Test
    void referrerTags_areNotImages() {
        String hex = "a".repeat(64);
        assertThat(TagResolver.isReferrerTag("sha256-" + hex)).isTrue();
        assertThat(TagResolver.isReferrerTag("sha256-" + hex + ".sig")).isTrue();
        assertThat(TagResolver.isReferrerTag("sha256-abc")).isFalse();
        assertThat(TagResolver.isReferrerTag("1.0")).isFalse();
    }

    @Test
    void names_areLowercaseDnsLike() {
        assertThat(Names.of("Hub", "library/nginx", "1.25-alpine")).isEqualTo("hub-library-nginx-1.25-alpine");
        assertThat(Names.of("-x-", "A__B")).isEqualTo("x-a-b");
        assertThat(Names.of("x".repeat(300))).hasSize(253);
    }

    @Test
    void redactor_removesSecretsAndTheirBase64() {
        Redactor r = new Redactor(List.of("hunter2", "ab"));
        assertThat(r.scrub("pw hunter2 b64 aHVudGVyMg== ab")).isEqualTo("pw *** b64 *** ab");
    }

    private static Selector sel(String ns, String repo) {
        return new Selector(Pattern.compile(ns), Pattern.compile(repo), List.of(), List.of(), 10);
    }
}
