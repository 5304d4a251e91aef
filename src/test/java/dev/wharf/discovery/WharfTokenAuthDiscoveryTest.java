package dev.wharf.discovery;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.config.WharfConfig;
import dev.wharf.discovery.client.Challenge;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovers a real Wharf under Docker token auth (its own {@code /auth/token}, users from htpasswd). Skipped, saying
 * so, while the Wharf being tested does not challenge anonymous requests with Bearer.
 */
class WharfTokenAuthDiscoveryTest {
    @TempDir
    static Path dir;
    private static TestRegistry wharf;
    private static Inventory inv;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "robot:" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4,
                "wharf-pa55".toCharArray()) + "\n");
        wharf = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN,
                new WharfConfig.Htpasswd("wharf", htpasswd),
                new WharfConfig.Token(null, "wharf", "wharf", null, dir.resolve("signing.key"), Duration.ofMinutes(5)),
                List.of())));
        url = wharf.uri().toString();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> ping = http.send(HttpRequest.newBuilder(wharf.uri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Challenge> challenges = Challenge.parseAll(ping.headers().allValues("WWW-Authenticate"));
        assertThat(ping.statusCode()).as("Wharf in token mode challenges anonymous callers").isEqualTo(401);
        Challenge bearer = challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst().orElseThrow();
        String scopes = List.of("team/app", "team/multi", "tools/scanner").stream()
                .map(r -> "scope=" + URLEncoder.encode("repository:" + r + ":pull,push", StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(bearer.param("realm").orElseThrow()
                        + "?service=" + URLEncoder.encode(bearer.param("service").orElse(""), StandardCharsets.UTF_8)
                        + "&" + scopes))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "robot:wharf-pa55".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String pushToken = new ObjectMapper().readTree(token.body()).path("token").asText();
        inv = Inventory.push(new Pusher(wharf.uri(), "Bearer " + pushToken), true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (wharf != null) {
            wharf.close();
        }
    }

    @Test
    void bearer_graphMatchesWhatWasPushed() {
        Discovery.Result r = Runs.run(Runs.provider("wharf", "private", url,
                "      username: robot\n      password: ${WHARF_PASSWORD}\n      discover_vulnerabilities: true\n"),
                Map.of("WHARF_PASSWORD", "wharf-pa55"));
        assertThat(r.warnings()).isEmpty();
        InventoryCheck.fullGraph(r, inv, "wharf", url, true);
    }

    @Test
    void bearer_wrongPassword_failsWithoutTheSecret() {
        Discovery.Result r = Runs.run(Runs.provider("wharf", "private", url,
                "      username: robot\n      password: wrong-wharf-pa55\n"));
        assertThat(r.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.message())
                .contains("HTTP 401").doesNotContain("wrong-wharf-pa55"));
    }
}
