package dev.wharf.http.auth;

import static dev.wharf.http.auth.AuthHttp.basic;
import static dev.wharf.http.auth.AuthHttp.bearer;
import static dev.wharf.http.auth.AuthHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.TokenScope;
import dev.wharf.auth.accounts.TokenService;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every surface that checks a secret throttles guessing with the server's one limiter and audits each failure with
 * the client's address and no secret: the management API on its own listener and under /api, the UI's JSON API,
 * /api/repos and the UI's sign-in form. Past the limit each answers 429 with Retry-After in its own error shape.
 */
class GuessingEverySurfaceTest {
    private static final String PASSWORD = "guessing-password";
    private static final Actor ACTOR = new Actor("guessing-test", null);
    /** Five failures are free, the sixth starts a wait: the limit is passed within this many attempts. */
    private static final int MAX_ATTEMPTS = 12;
    private static TestRegistry registry;
    private static TokenService.Created pat;

    @BeforeAll
    static void start() throws Exception {
        Path htpasswd = Files.createTempDirectory("wharf-guessing").resolve("htpasswd");
        Files.writeString(htpasswd, "");
        registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.HTPASSWD,
                new WharfConfig.Htpasswd("guess", htpasswd), null, List.of())));
        registry.accounts().accounts().addUser(ACTOR, "gina", PASSWORD, true);
        pat = registry.accounts().tokens().createPat(ACTOR, "gina", "api", List.of(TokenScope.parse("team:pull")),
                Set.of(ApiScope.READ), null);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @Test
    void managementApiOnItsOwnListener_badBearerTokens() {
        Client c = new Client(registry.apiUri(), "127.0.0.71");
        assertThat(c.get("/v2/registries", bearer(pat.text())).statusCode()).as("the real token works").isEqualTo(200);
        HttpResponse<String> throttled = guessUntilThrottled(i -> c.get("/v2/registries", bearer(wrongToken(i))));
        assertApiThrottled(throttled);
        assertThat(c.get("/v2/registries", bearer(pat.text())).statusCode()).as("not even the real one").isEqualTo(429);
        assertFailuresAudited("127.0.0.71", "api");
    }

    @Test
    void managementApiUnderApi_wrongBasicPasswords() {
        Client c = new Client(registry.uri(), "127.0.0.72");
        HttpResponse<String> throttled = guessUntilThrottled(i -> c.get("/api/v2/registries", basic("gina", "guess" + i)));
        assertApiThrottled(throttled);
        assertFailuresAudited("127.0.0.72", "api");
    }

    @Test
    void uiJsonApi_wrongBasicPasswords() {
        Client c = new Client(registry.uri(), "127.0.0.73");
        assertThat(c.get("/ui/api/repositories", basic("gina", PASSWORD)).statusCode()).isEqualTo(200);
        HttpResponse<String> throttled = guessUntilThrottled(i -> c.get("/ui/api/repositories", basic("gina", "guess" + i)));
        assertUiJsonThrottled(throttled);
        assertFailuresAudited("127.0.0.73", "ui");
    }

    @Test
    void apiRepos_wrongBasicPasswords() {
        Client c = new Client(registry.uri(), "127.0.0.74");
        HttpResponse<String> throttled = guessUntilThrottled(i -> c.get("/api/repos", basic("gina", "guess" + i)));
        assertUiJsonThrottled(throttled);
        assertThat(c.get("/api/repos", basic("gina", PASSWORD)).statusCode()).isEqualTo(429);
        assertFailuresAudited("127.0.0.74", "ui");
    }

    @Test
    void uiSignInForm_wrongPasswords() {
        Client c = new Client(registry.uri(), "127.0.0.75");
        HttpResponse<String> throttled = guessUntilThrottled(i -> c.signIn("gina", "guess" + i));
        assertThat(throttled.body()).contains("Too many failed sign-ins");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        assertFailuresAudited("127.0.0.75", "ui");
    }

    @Test
    void oneLimiterBehindAllSurfaces() {
        Client api = new Client(registry.apiUri(), "127.0.0.76");
        Client main = new Client(registry.uri(), "127.0.0.76");
        assertThat(api.get("/v2/registries", bearer(wrongToken(1))).statusCode()).isEqualTo(401);
        assertThat(main.get("/api/repos", basic("gina", "guess")).statusCode()).isEqualTo(401);
        assertThat(main.get("/ui/api/repositories", basic("gina", "guess")).statusCode()).isEqualTo(401);
        assertThat(main.signIn("gina", "guess").statusCode()).isEqualTo(401);
        HttpResponse<String> throttled = guessUntilThrottled(4, i -> main.get("/v2/", basic("gina", "guess" + i)));
        assertThat(json(throttled).at("/errors/0/code").asText()).isEqualTo("TOOMANYREQUESTS");
        assertThat(api.get("/v2/registries", bearer(pat.text())).statusCode()).isEqualTo(429);
        // another address is not slowed
        assertThat(new Client(registry.apiUri(), "127.0.0.77").get("/v2/registries", bearer(pat.text())).statusCode())
                .isEqualTo(200);
    }

    private static String wrongToken(int i) {
        String text = pat.text();
        return text.substring(0, text.length() - 4) + String.format("%04d", i);
    }

    /** Sends guesses (each a 401) until one is throttled; that one is returned. */
    private static HttpResponse<String> guessUntilThrottled(IntFunction<HttpResponse<String>> guess) {
        return guessUntilThrottled(0, guess);
    }

    /** As above, from an address that already failed {@code earlier} times. */
    private static HttpResponse<String> guessUntilThrottled(int earlier, IntFunction<HttpResponse<String>> guess) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            HttpResponse<String> r = guess.apply(i);
            if (r.statusCode() == 429) {
                assertThat(earlier + i).as("five free failures, the sixth starts a wait").isGreaterThanOrEqualTo(6);
                return r;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        }
        throw new AssertionError("no 429 after " + MAX_ATTEMPTS + " wrong guesses");
    }

    private static void assertApiThrottled(HttpResponse<String> r) {
        JsonNode body = json(r);
        assertThat(body.path("id").asText()).isEqualTo("too_many_requests");
        assertThat(body.path("message").asText()).isNotEmpty();
        assertThat(body.path("request_id").asText()).isNotEmpty();
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
    }

    private static void assertUiJsonThrottled(HttpResponse<String> r) {
        assertThat(json(r).at("/error/code").asText()).isEqualTo("TOOMANYREQUESTS");
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
    }

    private static void assertFailuresAudited(String address, String surface) {
        List<AuditLog.Event> events = registry.accounts().audit().recent(null, 500);
        assertThat(events).filteredOn(e -> e.action().equals("login_failed") && address.equals(e.address()))
                .isNotEmpty().allSatisfy(e -> assertThat(e.target()).isEqualTo(surface));
        for (AuditLog.Event e : events) {
            assertThat(e.toString()).doesNotContain(PASSWORD).doesNotContain(pat.text())
                    .doesNotContain(pat.text().substring(pat.text().length() - 20));
        }
    }

    /** Raw HTTP from one loopback address; the UI sign-in form with its cookie and CSRF token. */
    private static final class Client {
        private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
        private final URI base;
        private final HttpClient http;
        private final AuthHttp raw;

        Client(URI base, String address) {
            this.base = base;
            this.raw = new AuthHttp(base, address);
            try {
                this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER).localAddress(InetAddress.getByName(address)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        HttpResponse<String> get(String path, String authorization) {
            return raw.get(path, authorization);
        }

        /** GET the form (cookie, token), then POST it. */
        HttpResponse<String> signIn(String user, String password) {
            HttpResponse<String> form = send(HttpRequest.newBuilder(base.resolve("/ui/login")).GET());
            String cookie = form.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("wharf_ui="))
                    .map(v -> v.substring(0, v.indexOf(';'))).findFirst().orElse("");
            Matcher m = CSRF.matcher(form.body());
            String csrf = m.find() ? m.group(1) : "";
            String body = "csrf=" + enc(csrf) + "&username=" + enc(user) + "&password=" + enc(password) + "&next=%2Fui%2F";
            return send(HttpRequest.newBuilder(base.resolve("/ui/login")).header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpResponse<String> send(HttpRequest.Builder b) {
            try {
                return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
