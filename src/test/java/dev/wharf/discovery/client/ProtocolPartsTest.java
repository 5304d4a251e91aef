package dev.wharf.discovery.client;

import dev.wharf.discovery.config.DiscoveryConfigLoader;
import dev.wharf.discovery.config.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The small parsers of the registry protocol: challenges, Link headers, Retry-After and backoff, credentials. */
class ProtocolPartsTest {
    @Test
    void challenges_bearerWithQuotedParams_andSeveralSchemes() {
        List<Challenge> c = Challenge.parseAll(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/nginx:pull,push\"", "Basic realm=\"x, y\", charset=UTF-8"));
        assertThat(c).hasSize(2);
        assertThat(c.get(0).scheme()).isEqualTo("bearer");
        assertThat(c.get(0).params()).containsEntry("realm", "https://auth.docker.io/token")
                .containsEntry("service", "registry.docker.io")
                .containsEntry("scope", "repository:library/nginx:pull,push");
        assertThat(c.get(1).scheme()).isEqualTo("basic");
        assertThat(c.get(1).params()).containsEntry("realm", "x, y").containsEntry("charset", "UTF-8");
        assertThat(Challenge.parseAll(List.of("Basic realm=a, Bearer realm=b"))).extracting(Challenge::scheme)
                .containsExactly("basic", "bearer");
        assertThat(Challenge.parseAll(List.of(""))).isEmpty();
    }

    @Test
    void linkHeader_nextResolvedAgainstTheRequest() {
        URI base = URI.create("http://r:5000/v2/_catalog?n=2");
        assertThat(LinkHeader.next(List.of("</v2/_catalog?last=b&n=2>; rel=\"next\""), base))
                .contains(URI.create("http://r:5000/v2/_catalog?last=b&n=2"));
        assertThat(LinkHeader.next(List.of("<https://x/p?a=1>; rel=\"prev\", <https://x/q>; rel=next"), base))
                .contains(URI.create("https://x/q"));
        assertThat(LinkHeader.next(List.of("garbage"), base)).isEmpty();
        assertThat(LinkHeader.next(List.of(), base)).isEmpty();
    }

    @Test
    void backoff_growsWithJitterUpToTheCap_andRetryAfterWins() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Backoff b = new Backoff(new Random(7));
        for (int attempt = 0; attempt < 12; attempt++) {
            long exp = Math.min(Backoff.CAP.toMillis(), Backoff.BASE.toMillis() << attempt);
            assertThat(b.delay(attempt, Optional.empty(), clock).toMillis()).isBetween(exp / 2, exp);
        }
        assertThat(b.delay(0, Optional.of("3"), clock)).isEqualTo(Duration.ofSeconds(3));
        assertThat(b.delay(0, Optional.of("Thu, 01 Jan 2026 00:00:09 GMT"), clock)).isEqualTo(Duration.ofSeconds(9));
        assertThat(b.delay(0, Optional.of("99999"), clock)).isEqualTo(Backoff.MAX_RETRY_AFTER);
        assertThat(b.delay(0, Optional.of("soon"), clock).toMillis()).isBetween(100L, 200L);
    }

    @Test
    void credentials_perRegistryType() {
        assertThat(basicOf("registry_type: ecr\n      token: abc")).isEqualTo("AWS:abc");
        String ecrAuthToken = Base64.getEncoder().encodeToString("AWS:xyz".getBytes(StandardCharsets.UTF_8));
        assertThat(creds("registry_type: ecr\n      token: " + ecrAuthToken).basic()).contains(ecrAuthToken);
        assertThat(basicOf("registry_type: gcr\n      token: ya29")).isEqualTo("oauth2accesstoken:ya29");
        assertThat(basicOf("registry_type: acr\n      token: aad")).isEqualTo("00000000-0000-0000-0000-000000000000:aad");
        assertThat(basicOf("registry_type: ghcr\n      username: me\n      token: ghp_1")).isEqualTo("me:ghp_1");
        assertThat(basicOf("registry_type: ghcr\n      username: me\n      password: ghp_1")).isEqualTo("me:ghp_1");
        assertThat(creds("registry_type: private\n      token: opaque").bearer()).contains("opaque");
        assertThat(creds("registry_type: private").any()).isFalse();
        assertThat(creds("registry_type: ghcr\n      token: ghp_1").toString()).doesNotContain("ghp_1");
    }

    private static String basicOf(String lines) {
        return new String(Base64.getDecoder().decode(creds(lines).basic().orElseThrow()), StandardCharsets.UTF_8);
    }

    private static Credentials creds(String lines) {
        ProviderConfig p = new DiscoveryConfigLoader(Map.<String, String>of()::get)
                .parse("providers:\n  - name: a\n    type: docker\n    config:\n      " + lines + "\n").providers().get(0);
        return Credentials.of(p);
    }
}
