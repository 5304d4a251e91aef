package dev.wharf.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.discovery.client.Authorizer;
import dev.wharf.discovery.client.Backoff;
import dev.wharf.discovery.client.CallFailedException;
import dev.wharf.discovery.client.Credentials;
import dev.wharf.discovery.client.RegistryApi;
import dev.wharf.discovery.client.Retrier;
import dev.wharf.discovery.config.DiscoveryConfigLoader;
import dev.wharf.discovery.graph.Kinds;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery against a local upstream that rate-limits, fails, stalls, refuses its catalog and wants tokens. */
class UpstreamRobustnessTest {
    private static final String NAMED = "      selectors:\n"
            + "        - repository_pattern: ok/app|flaky/rate|flaky/unavailable|slow/app\n";

    @Test
    void retriesRateLimitAndUnavailable_timesOutSlow_reportsItAndGoesOn() throws Exception {
        try (StubUpstream up = new StubUpstream(false, "ok/app", "flaky/rate", "flaky/unavailable", "slow/app")) {
            Discovery.Result r = Runs.run(Runs.provider("stub", "private", up.uri().toString(),
                    "      timeout: 1\n      retries: 2\n" + NAMED));

            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.repository()).isEqualTo("slow/app");
                assertThat(e.message()).contains("/v2/slow/app/tags/list", "timed out after 1s", "(3 attempts)");
            });
            assertThat(r.warnings()).singleElement().satisfies(w ->
                    assertThat(w.message()).contains("refused _catalog", "forbidden",
                            "ok/app, flaky/rate, flaky/unavailable, slow/app"));
            assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.IMAGE))
                    .extracting(e -> e.spec().get("repository"))
                    .containsExactlyInAnyOrder("ok/app", "flaky/rate", "flaky/unavailable");
            assertThat(up.hits("/v2/flaky/rate/tags/list")).isEqualTo(2);
            assertThat(up.hits("/v2/flaky/unavailable/tags/list")).isEqualTo(3);
            assertThat(up.hits("/v2/slow/app/tags/list")).isEqualTo(3);
            assertThat(up.rateLimitedArrivals.get(1) - up.rateLimitedArrivals.get(0))
                    .as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
            assertThat(r.retries()).isEqualTo(1 + 2 + 2);
            assertThat(r.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.listed()).isTrue();
                assertThat(o.failedRepositories()).containsExactly("slow/app");
            });
        }
    }

    @Test
    void bearer_tokenPerRepositoryScope_cachedAndCredentialsNeverPrinted() throws Exception {
        try (StubUpstream up = new StubUpstream(true, "ok/app", "ok/web")) {
            Discovery.Result r = Runs.run(Runs.provider("stub", "private", up.uri().toString(),
                    "      username: " + StubUpstream.USER + "\n      password: ${STUB_PASSWORD}\n"
                            + "      selectors:\n        - namespace_pattern: ok\n          repository_pattern: app|web\n"),
                    Map.of("STUB_PASSWORD", StubUpstream.SECRET));

            assertThat(r.errors()).isEmpty();
            assertThat(r.graph().count(Kinds.IMAGE)).isEqualTo(2);
            assertThat(up.tokenScopes).containsExactlyInAnyOrder("registry:catalog:*",
                    "repository:ok/app:pull", "repository:ok/web:pull");
            String everything = new ObjectMapper().writeValueAsString(List.of(r.graph().entities(),
                    r.graph().relationships(), r.warnings(), r.errors()));
            assertThat(everything).doesNotContain(StubUpstream.SECRET, base64(StubUpstream.USER + ":" + StubUpstream.SECRET));
        }
    }

    @Test
    void bearer_wrongPassword_failsClearlyWithoutTheSecret() throws Exception {
        try (StubUpstream up = new StubUpstream(true, "ok/app")) {
            Discovery.Result r = Runs.run(Runs.provider("stub", "private", up.uri().toString(),
                    "      username: " + StubUpstream.USER + "\n      password: wrong-pa55word\n"
                            + "      selectors:\n        - repository_pattern: ok/app\n"));
            assertThat(r.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.message())
                    .contains("refused a token", "HTTP 401", "check the credentials").doesNotContain("wrong-pa55word"));
            assertThat(r.graph().count(Kinds.IMAGE)).isZero();
        }
    }

    @Test
    void blobRedirectToAnotherHost_followedWithoutCredentials() throws Exception {
        List<String> authorizationSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (StubUpstream up = new StubUpstream(true, "ok/app")) {
            HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            storage.createContext("/", ex -> {
                try (ex) {
                    authorizationSeen.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                    byte[] b = up.blob(ex.getRequestURI().getPath().substring(1));
                    ex.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
                    if (b != null) {
                        ex.getResponseBody().write(b);
                    }
                }
            });
            storage.start();
            try {
                up.blobRedirect = URI.create("http://localhost:" + storage.getAddress().getPort());
                Discovery.Result r = Runs.run(Runs.provider("stub", "private", up.uri().toString(),
                        "      username: robot\n      password: " + StubUpstream.SECRET + "\n"
                                + "      selectors:\n        - repository_pattern: ok/app\n"));
                assertThat(r.errors()).isEmpty();
                assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.IMAGE)).singleElement()
                        .satisfies(e -> assertThat(e.spec()).containsEntry("created", StubUpstream.CREATED));
                assertThat(authorizationSeen).isNotEmpty().containsOnly("null");
            } finally {
                storage.stop(0);
            }
        }
    }

    @Test
    void tokenCache_reusedUntilExpiry_thenRenewed() throws Exception {
        try (StubUpstream up = new StubUpstream(true, "ok/app")) {
            MutableClock clock = new MutableClock();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Retrier retrier = new Retrier(http, Duration.ofSeconds(5), 0, new Backoff(new Random(1)), 2, clock);
            var provider = new DiscoveryConfigLoader(k -> null).parse(Runs.provider("stub", "private",
                    up.uri().toString(), "      username: robot\n      password: " + StubUpstream.SECRET + "\n"))
                    .providers().get(0);
            Authorizer auth = new Authorizer(retrier, Credentials.of(provider), clock);
            RegistryApi api = new RegistryApi(up.uri(), retrier, auth, 100);

            assertThat(api.tags("ok/app")).containsExactly("1.0");
            api.manifest("ok/app", "1.0");
            assertThat(auth.tokenRequests()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(290));
            api.tags("ok/app");
            assertThat(auth.tokenRequests()).as("still valid").isEqualTo(1);
            clock.advance(Duration.ofSeconds(10));
            api.tags("ok/app");
            assertThat(auth.tokenRequests()).as("renewed within the expiry margin").isEqualTo(2);
            clock.advance(Duration.ofSeconds(100));
            api.tags("ok/app");
            assertThat(auth.tokenRequests()).isEqualTo(2);
            assertThatThrownBy(() -> api.tags("no/such")).isInstanceOf(CallFailedException.class)
                    .hasMessageContaining("not found");
        }
    }

    @Test
    void ghcr_neverAsksForTheCatalog_andWarnsAboutWildcards() throws Exception {
        try (StubUpstream up = new StubUpstream(false, "ok/app")) {
            Discovery.Result r = Runs.run(Runs.provider("gh", "ghcr", up.uri().toString(), """
                          selectors:
                            - namespace_pattern: ok
                              repository_pattern: app
                            - repository_pattern: "team-.*"
                    """));
            assertThat(up.hits("/v2/_catalog")).isZero();
            assertThat(r.errors()).isEmpty();
            assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.message())
                    .contains("ghcr has no catalog", "selectors[1]", "team-.*", "name repositories explicitly"));
            assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.IMAGE))
                    .singleElement().satisfies(e -> assertThat(e.metadata().labels())
                            .containsEntry("devgraph.ai/registry-type", "ghcr")
                            .containsEntry("devgraph.ai/repository-name", "ok/app"));
        }
    }

    @Test
    void dockerHub_officialImagesUnderLibrary_withHubMetadata() throws Exception {
        try (StubUpstream up = new StubUpstream(false, "library/nginx", "bitnami/redis")) {
            Discovery.Result r = Runs.run(Runs.provider("hub", "docker-hub", up.uri().toString(),
                    "      hub_api_url: " + up.uri() + "\n      selectors:\n        - repository_pattern: nginx\n"
                            + "        - namespace_pattern: bitnami\n          repository_pattern: redis\n"));
            assertThat(r.errors()).isEmpty();
            assertThat(up.hits("/v2/_catalog")).isZero();
            assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.REGISTRY)).singleElement()
                    .satisfies(e -> assertThat(e.spec()).containsEntry("registry_type", "docker-hub")
                            .containsEntry("public", true).containsEntry("description", "Docker Hub at " + up.uri().getAuthority()));
            assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.REPOSITORY))
                    .extracting(e -> e.spec().get("full_name")).containsExactlyInAnyOrder("library/nginx", "bitnami/redis");
            Map<String, Object> nginx = r.graph().entities().stream()
                    .filter(e -> e.kind().equals(Kinds.REPOSITORY) && e.spec().get("full_name").equals("library/nginx"))
                    .findFirst().orElseThrow().spec();
            assertThat(nginx).containsEntry("name", "nginx").containsEntry("namespace", "library")
                    .containsEntry("official", true).containsEntry("description", "Official build of library/nginx")
                    .containsEntry("star_count", 42L).containsEntry("pull_count", 1000000L)
                    .containsEntry("last_updated", "2024-06-01T00:00:00Z").containsEntry("automated", false);
            assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.REPOSITORY)
                    && e.spec().get("full_name").equals("bitnami/redis")).singleElement()
                    .satisfies(e -> assertThat(e.spec()).containsEntry("official", false));
        }
    }

    @Test
    void concurrency_boundsRequestsInFlight() throws Exception {
        try (StubUpstream up = new StubUpstream(false, "busy/a", "busy/b", "busy/c", "busy/d", "busy/e", "busy/f")) {
            Discovery.Result r = Runs.run(Runs.provider("stub", "private", up.uri().toString(),
                    "      concurrency: 2\n      selectors:\n        - namespace_pattern: busy\n"
                            + "          repository_pattern: a|b|c|d|e|f\n"));
            assertThat(r.errors()).isEmpty();
            assertThat(r.graph().count(Kinds.IMAGE)).isEqualTo(6);
            assertThat(up.maxInFlight.get()).isBetween(1, 2);
        }
    }

    @Test
    void namedRepositoryTheRegistryDoesNotKnow_isAnErrorAndTheRunGoesOn() throws Exception {
        try (StubUpstream up = new StubUpstream(false, "ok/app")) {
            Discovery.Result r = Runs.run(Runs.provider("gh", "ghcr", up.uri().toString(),
                    "      selectors:\n        - namespace_pattern: ok\n          repository_pattern: app|missing\n"));
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.repository()).isEqualTo("ok/missing");
                assertThat(e.message()).contains("/v2/ok/missing/tags/list", "not found");
            });
            assertThat(r.graph().count(Kinds.IMAGE)).isEqualTo(1);
        }
    }

    @Test
    void unreachableRegistry_isOneProviderError() {
        Discovery.Result r = Runs.run(Runs.provider("gone", "private", "http://127.0.0.1:1", "      retries: 1\n"));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.repository()).isNull();
            assertThat(e.message()).contains("GET /v2/", "(2 attempts)");
        });
        assertThat(r.outcomes()).singleElement().satisfies(o -> assertThat(o.listed()).isFalse());
        assertThat(r.graph().entities()).isEmpty();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
