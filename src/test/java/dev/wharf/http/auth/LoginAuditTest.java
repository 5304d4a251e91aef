package dev.wharf.http.auth;

import static dev.wharf.http.auth.AuthHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.TokenScope;
import dev.wharf.auth.accounts.TokenService;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Logins and failed logins reach the audit log with the address they came from: HTTP Basic on the data plane and
 * the token service's GET and POST. No secret is ever written there.
 */
class LoginAuditTest {
    private static final String PASSWORD = "audit-password";
    private static final Actor ACTOR = new Actor("audit-test", null);

    @Test
    void basicLoginsAndFailuresAreAuditedWithTheClientAddress() throws Exception {
        Path htpasswd = emptyHtpasswd();
        try (TestRegistry registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.HTPASSWD,
                new WharfConfig.Htpasswd("audit", htpasswd), null, List.of())))) {
            registry.accounts().accounts().addUser(ACTOR, "audra", PASSWORD, false);
            TokenService.Created pat = registry.accounts().tokens().createPat(ACTOR, "audra", "ci",
                    List.of(TokenScope.parse("team:pull")), Set.of(), null);

            assertThat(from(registry, "127.0.0.21").get("/v2/", basic("audra", PASSWORD)).statusCode()).isEqualTo(200);
            assertThat(from(registry, "127.0.0.22").get("/v2/", basic("audra", "wrong-password")).statusCode()).isEqualTo(401);
            assertThat(from(registry, "127.0.0.23").get("/v2/", basic("mallory", PASSWORD)).statusCode()).isEqualTo(401);
            assertThat(from(registry, "127.0.0.24").get("/v2/", basic("anything", pat.text())).statusCode()).isEqualTo(200);
            assertThat(from(registry, "127.0.0.25").get("/v2/", basic("audra", tampered(pat.text()))).statusCode()).isEqualTo(401);

            List<AuditLog.Event> events = logins(registry);
            assertThat(events).extracting(AuditLog.Event::actor, AuditLog.Event::action, AuditLog.Event::address)
                    .containsExactlyInAnyOrder(
                            tuple("audra", "login", "127.0.0.21"),
                            tuple("audra", "login_failed", "127.0.0.22"),
                            tuple("mallory", "login_failed", "127.0.0.23"),
                            tuple("audra", "login", "127.0.0.24"),
                            tuple("audra", "login_failed", "127.0.0.25"));
            assertThat(events).filteredOn(e -> "127.0.0.24".equals(e.address()))
                    .extracting(AuditLog.Event::detail).containsExactly(pat.token().id());
            assertNoSecrets(registry, PASSWORD, pat.text());
        }
    }

    @Test
    void tokenServiceLoginsAndFailuresAreAuditedWithTheClientAddress() throws Exception {
        Path htpasswd = emptyHtpasswd();
        try (TestRegistry registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN,
                new WharfConfig.Htpasswd("audit", htpasswd),
                new WharfConfig.Token(null, "audit", "wharf", null, null, Duration.ofMinutes(5)), List.of())))) {
            registry.accounts().accounts().addUser(ACTOR, "audra", PASSWORD, false);
            String get = "/auth/token?service=audit&scope=repository:team/app:pull";

            assertThat(from(registry, "127.0.0.31").get(get, basic("audra", PASSWORD)).statusCode()).isEqualTo(200);
            assertThat(from(registry, "127.0.0.32").get(get, basic("audra", "wrong-password")).statusCode()).isEqualTo(401);
            assertThat(from(registry, "127.0.0.33").postForm("/auth/token", Map.of("grant_type", "password",
                    "service", "audit", "client_id", "test", "username", "audra", "password", PASSWORD)).statusCode())
                    .isEqualTo(200);
            assertThat(from(registry, "127.0.0.34").postForm("/auth/token", Map.of("grant_type", "password",
                    "service", "audit", "client_id", "test", "username", "nobody", "password", "wrong-password"))
                    .statusCode()).isEqualTo(401);
            // a bearer token on the data plane is not a login: nothing more is recorded
            assertThat(from(registry, "127.0.0.35").get("/v2/", AuthHttp.bearer("not-a-token")).statusCode()).isEqualTo(401);

            assertThat(logins(registry)).extracting(AuditLog.Event::actor, AuditLog.Event::action, AuditLog.Event::address)
                    .containsExactlyInAnyOrder(
                            tuple("audra", "login", "127.0.0.31"),
                            tuple("audra", "login_failed", "127.0.0.32"),
                            tuple("audra", "login", "127.0.0.33"),
                            tuple("nobody", "login_failed", "127.0.0.34"));
            assertNoSecrets(registry, PASSWORD);
        }
    }

    /** The token text with the last character of its secret changed. */
    private static String tampered(String text) {
        char last = text.charAt(text.length() - 1);
        return text.substring(0, text.length() - 1) + (last == 'a' ? 'b' : 'a');
    }

    private static Path emptyHtpasswd() throws Exception {
        Path file = Files.createTempDirectory("wharf-audit").resolve("htpasswd");
        Files.writeString(file, "");
        return file;
    }

    private static AuthHttp from(TestRegistry registry, String address) {
        return new AuthHttp(registry.uri(), address);
    }

    private static List<AuditLog.Event> logins(TestRegistry registry) {
        return registry.accounts().audit().recent(null, 50).stream()
                .filter(e -> e.action().equals("login") || e.action().equals("login_failed")).toList();
    }

    private static void assertNoSecrets(TestRegistry registry, String... secrets) {
        for (AuditLog.Event e : registry.accounts().audit().recent(null, 50)) {
            for (String secret : secrets) {
                assertThat(e.toString()).doesNotContain(secret);
            }
        }
    }
}
