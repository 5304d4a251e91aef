package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code wharf user remove} and {@code wharf role revoke}, run as the CLI runs them (their own connection to the
 * database, no word to the server), end the JWTs a running server issued before: the next request is refused.
 * Granting the role back does not revive a token issued before the revocation; a new token is needed.
 */
class RevocationWhileServingTest {
    private static final String SERVICE = "revocation-test";
    private static final String PASSWORD = "revoke-password";
    private static final Actor ACTOR = new Actor("revocation-test", null);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN, null,
                new WharfConfig.Token(null, SERVICE, "wharf", null, null, Duration.ofMinutes(5)), List.of())));
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @Test
    void userRemove_endsTheUsersJwtsAtTheNextRequest() throws Exception {
        registry.accounts().accounts().addUser(ACTOR, "rhea", PASSWORD, false);
        registry.accounts().roleDirectory().grant(ACTOR, "team", "rhea", Role.WRITER);
        String jwt = token("rhea", "repository:team/app:pull,push");
        assertThat(status("/v2/team/app/tags/list", jwt)).as("allowed: the repository is just unknown").isEqualTo(404);

        assertThat(cli("user", "remove", "rhea")).isZero();

        HttpResponse<String> after = get("/v2/team/app/tags/list", jwt);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
        assertThat(status("/v2/", jwt)).isEqualTo(401);

        // an account of the same name created later does not inherit the old token
        registry.accounts().accounts().addUser(ACTOR, "rhea", PASSWORD, false);
        registry.accounts().roleDirectory().grant(ACTOR, "team", "rhea", Role.WRITER);
        assertThat(status("/v2/team/app/tags/list", jwt)).isEqualTo(401);
    }

    @Test
    void roleRevoke_endsTheJwt_andGrantingBackDoesNotReviveIt() throws Exception {
        registry.accounts().accounts().addUser(ACTOR, "remy", PASSWORD, false);
        registry.accounts().roleDirectory().grant(ACTOR, "team", "remy", Role.WRITER);
        String before = token("remy", "repository:team/app:pull,push");
        assertThat(status("/v2/team/app/tags/list", before)).isEqualTo(404);

        assertThat(cli("role", "revoke", "team", "remy")).isZero();
        assertThat(status("/v2/team/app/tags/list", before)).isEqualTo(401);
        String withoutRole = token("remy", "repository:team/app:pull,push");
        assertThat(claims(withoutRole).get("access")).isEmpty();
        assertThat(status("/v2/team/app/tags/list", withoutRole)).as("valid token, no access").isEqualTo(403);

        assertThat(cli("role", "grant", "team", "remy", "reader")).isZero();
        assertThat(status("/v2/team/app/tags/list", before)).as("the old token stays dead").isEqualTo(401);
        assertThat(status("/v2/team/app/tags/list", withoutRole)).as("so does the one between").isEqualTo(401);
        String reader = token("remy", "repository:team/app:pull,push");
        assertThat(claims(reader).get("access").get(0).get("actions").toString()).isEqualTo("[\"pull\"]");
        assertThat(status("/v2/team/app/tags/list", reader)).isEqualTo(404);
    }

    @Test
    void otherAccountsTokensAreUntouched() throws Exception {
        registry.accounts().accounts().addUser(ACTOR, "ruth", PASSWORD, false);
        registry.accounts().accounts().addUser(ACTOR, "ravi", PASSWORD, false);
        registry.accounts().roleDirectory().grant(ACTOR, "team", "ruth", Role.READER);
        registry.accounts().roleDirectory().grant(ACTOR, "team", "ravi", Role.READER);
        String ruth = token("ruth", "repository:team/app:pull");

        assertThat(cli("role", "revoke", "team", "ravi")).isZero();
        assertThat(status("/v2/team/app/tags/list", ruth)).isEqualTo(404);
    }

    private int cli(String... args) {
        String[] withData = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data", registry.root().toString())).toArray(String[]::new);
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(Map.of(), List::of, server -> { });
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(withData);
        assertThat(err.toString()).as("stderr of wharf " + String.join(" ", args)).isEmpty();
        return code;
    }

    private String token(String user, String scope) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(registry.uri() + "/auth/token?service="
                + SERVICE + "&scope=" + scope)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("token").asText();
    }

    private static com.fasterxml.jackson.databind.JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private int status(String path, String jwt) {
        return get(path, jwt).statusCode();
    }

    private HttpResponse<String> get(String path, String jwt) {
        return send(HttpRequest.newBuilder(URI.create(registry.uri() + path)).header("Authorization", "Bearer " + jwt));
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
}
