package dev.wharf.http.auth;

import static dev.wharf.http.auth.AuthHttp.basic;
import static dev.wharf.http.auth.AuthHttp.bearer;
import static dev.wharf.http.auth.AuthHttp.claims;
import static dev.wharf.http.auth.AuthHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.config.WharfConfig;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Docker token auth against a real Wharf: the token service at /auth/token and the Bearer-protected data plane. */
class TokenAuthTest {
    static final String SERVICE = "wharf-test";
    static TestRegistry registry;
    static Path htpasswd;
    static AuthHttp http;
    static String realm;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("wharf-token-test");
        htpasswd = dir.resolve("htpasswd");
        writeUsers("alice", "alice-pw", "carol", "carol-pw");
        registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN,
                new WharfConfig.Htpasswd("r", htpasswd),
                new WharfConfig.Token(null, SERVICE, "wharf", null, null, Duration.ofMinutes(5)),
                List.of("public/*"))));
        http = new AuthHttp(registry.uri(), "127.0.0.1");
        realm = registry.uri() + "/auth/token";
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static void writeUsers(String... userPasswordPairs) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < userPasswordPairs.length; i += 2) {
            sb.append(userPasswordPairs[i]).append(':')
                    .append(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, userPasswordPairs[i + 1].toCharArray()))
                    .append('\n');
        }
        Path tmp = Files.writeString(htpasswd.resolveSibling("htpasswd.tmp"), sb);
        Files.move(tmp, htpasswd, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static String token(String authorization, String... scopes) {
        StringBuilder q = new StringBuilder("/auth/token?service=" + SERVICE);
        for (String s : scopes) {
            q.append("&scope=").append(s);
        }
        HttpResponse<String> r = http.get(q.toString(), authorization);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("token").asText();
    }

    static List<String> access(String jwt) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : claims(jwt).get("access")) {
            List<String> actions = new ArrayList<>();
            a.get("actions").forEach(x -> actions.add(x.asText()));
            out.add(a.get("type").asText() + ":" + a.get("name").asText() + ":" + String.join(",", actions));
        }
        return out;
    }

    static String challenge(HttpResponse<String> r) {
        return r.headers().firstValue("WWW-Authenticate").orElse("(none)");
    }

    /** Pushes a one-layer image with {@code authorization}; returns the manifest digest. */
    static Digest push(String repo, String tag, String authorization) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"r\":\"" + repo + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repo).getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : List.of(config, layer)) {
            HttpResponse<String> r = http.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(blob),
                    authorization, "application/octet-stream", blob);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        byte[] manifest = Manifests.ociManifest(Digest.sha256(config), config.length, Digest.sha256(layer), layer.length);
        HttpResponse<String> r = http.send("PUT", "/v2/" + repo + "/manifests/" + tag, authorization,
                Manifests.OCI_MANIFEST, manifest);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Digest.sha256(manifest);
    }

    @Test
    void get_withBasicCredentials_issuesTokenWithRequestedAccess() {
        HttpResponse<String> r = http.get("/auth/token?service=" + SERVICE + "&account=alice&client_id=docker"
                + "&scope=repository:team/app:pull,push&scope=registry:catalog:*&scope=repository:team/other:pull,fly",
                basic("alice", "alice-pw"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = json(r);
        assertThat(body.get("token").asText()).isEqualTo(body.get("access_token").asText());
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(body.get("issued_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(body.has("refresh_token")).isFalse();
        JsonNode c = claims(body.get("token").asText());
        assertThat(c.get("iss").asText()).isEqualTo("wharf");
        assertThat(c.get("sub").asText()).isEqualTo("alice");
        assertThat(c.get("aud").isArray() ? c.get("aud").get(0).asText() : c.get("aud").asText()).isEqualTo(SERVICE);
        assertThat(c.get("exp").asLong() - c.get("iat").asLong()).isEqualTo(300);
        assertThat(c.has("nbf")).isTrue();
        assertThat(c.get("jti").asText()).isNotBlank();
        assertThat(access(body.get("token").asText())).containsExactly("repository:team/app:pull,push",
                "registry:catalog:*", "repository:team/other:pull");
    }

    @Test
    void anonymousTokens_grantOnlyPullOfPublicRepositories() {
        String t = token(null, "repository:public/x:pull,push", "repository:team/app:pull", "registry:catalog:*");
        assertThat(claims(t).get("sub").asText()).isEmpty();
        // asked pull+push on a public repository: only pull; nothing on a private one; catalog (filtered) is allowed
        assertThat(access(t)).containsExactly("repository:public/x:pull", "registry:catalog:*");
    }

    @Test
    void tokenEndpoint_badCredentials_are401WithBasicChallengeInErrorsEnvelope() {
        HttpResponse<String> r = http.get("/auth/token?service=" + SERVICE + "&scope=repository:a/b:pull",
                basic("alice", "wrong"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(challenge(r)).isEqualTo("Basic realm=\"" + SERVICE + "\"");
        assertThat(json(r).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(r.body()).doesNotContain("wrong");

        HttpResponse<String> unknown = http.get("/auth/token?service=" + SERVICE, basic("mallory", "x"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = http.get("/auth/token?service=" + SERVICE, "Basic !!!notbase64");
        assertThat(malformed.statusCode()).isEqualTo(401);
        HttpResponse<String> mismatch = http.get("/auth/token?service=" + SERVICE + "&account=carol",
                basic("alice", "alice-pw"));
        assertThat(mismatch.statusCode()).isEqualTo(401);

        HttpResponse<String> post = http.postForm("/auth/token", Map.of("grant_type", "password",
                "username", "alice", "password", "nope", "service", SERVICE, "client_id", "docker"));
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(json(post).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");

        HttpResponse<String> otherService = http.get("/auth/token?service=elsewhere", basic("alice", "alice-pw"));
        assertThat(otherService.statusCode()).isEqualTo(400);
        HttpResponse<String> grant = http.postForm("/auth/token", Map.of("grant_type", "client_credentials"));
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(json(grant).at("/errors/0/code").asText()).isEqualTo("UNSUPPORTED");
        assertThat(http.send("PUT", "/auth/token", null, null, new byte[0]).statusCode()).isEqualTo(405);
    }

    @Test
    void post_passwordGrantWithOfflineAccess_thenRefresh_untilTheUserIsRemoved() throws Exception {
        HttpResponse<String> r = http.postForm("/auth/token", Map.of("grant_type", "password", "username", "carol",
                "password", "carol-pw", "service", SERVICE, "client_id", "docker", "access_type", "offline",
                "scope", "repository:team/app:pull repository:team/app2:push"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String refresh = json(r).get("refresh_token").asText();
        assertThat(access(json(r).get("access_token").asText()))
                .containsExactly("repository:team/app:pull", "repository:team/app2:push");

        HttpResponse<String> refreshed = http.postForm("/auth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refresh, "service", SERVICE, "client_id", "docker", "scope", "repository:team/app:pull"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(claims(json(refreshed).get("token").asText()).get("sub").asText()).isEqualTo("carol");
        assertThat(access(json(refreshed).get("token").asText())).containsExactly("repository:team/app:pull");
        // GET with the refresh token as bearer works too
        assertThat(http.get("/auth/token?service=" + SERVICE, bearer(refresh)).statusCode()).isEqualTo(200);

        // a refresh token is not an access token on the data plane
        HttpResponse<String> asAccess = http.get("/v2/team/app/tags/list", bearer(refresh));
        assertThat(asAccess.statusCode()).isEqualTo(401);
        assertThat(challenge(asAccess)).contains("error=\"invalid_token\"");

        // an access token is not a refresh token
        HttpResponse<String> wrongKind = http.postForm("/auth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", json(r).get("access_token").asText(), "service", SERVICE));
        assertThat(wrongKind.statusCode()).isEqualTo(401);

        writeUsers("alice", "alice-pw");
        try {
            HttpResponse<String> gone = http.postForm("/auth/token", Map.of("grant_type", "refresh_token",
                    "refresh_token", refresh, "service", SERVICE));
            assertThat(gone.statusCode()).isEqualTo(401);
            assertThat(json(gone).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
        } finally {
            writeUsers("alice", "alice-pw", "carol", "carol-pw");
        }
    }

    @Test
    void dataPlane_challengesNameExactlyTheNeededScope() {
        assertThat(challenge(http.get("/v2/", null)))
                .isEqualTo("Bearer realm=\"" + realm + "\",service=\"" + SERVICE + "\"");
        HttpResponse<String> pull = http.get("/v2/team/app/manifests/latest", null);
        assertThat(pull.statusCode()).isEqualTo(401);
        assertThat(json(pull).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(challenge(pull)).isEqualTo("Bearer realm=\"" + realm + "\",service=\"" + SERVICE
                + "\",scope=\"repository:team/app:pull\"");
        assertThat(challenge(http.send("POST", "/v2/team/app/blobs/uploads/", null, null, new byte[0])))
                .endsWith(",scope=\"repository:team/app:pull,push\"");
        assertThat(challenge(http.send("DELETE", "/v2/team/app/manifests/sha256:" + "a".repeat(64), null, null, null)))
                .endsWith(",scope=\"repository:team/app:delete\"");
        assertThat(challenge(http.get("/v2/_catalog", null))).endsWith(",scope=\"registry:catalog:*\"");
        // Basic credentials are not accepted on the data plane in token mode (registry:2): the client is sent to the realm
        assertThat(http.get("/v2/team/app/tags/list", basic("alice", "alice-pw")).statusCode()).isEqualTo(401);
    }

    @Test
    void dataPlane_tokenGrantsExactlyItsScope() {
        String pushToken = token(basic("alice", "alice-pw"), "repository:scoped/app:pull,push");
        Digest digest = push("scoped/app", "v1", bearer(pushToken));

        String pullToken = token(basic("alice", "alice-pw"), "repository:scoped/app:pull");
        HttpResponse<String> got = http.get("/v2/scoped/app/manifests/v1", bearer(pullToken));
        assertThat(got.statusCode()).isEqualTo(200);
        HttpResponse<String> denied = http.send("PUT", "/v2/scoped/app/manifests/v2", bearer(pullToken),
                Manifests.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).at("/errors/0/code").asText()).isEqualTo("DENIED");
        HttpResponse<String> delete = http.send("DELETE", "/v2/scoped/app/manifests/" + digest, bearer(pullToken), null, null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(http.get("/v2/scoped/other/tags/list", bearer(pullToken)).statusCode()).isEqualTo(403);
        assertThat(http.get("/v2/scoped/app/manifests/v1", bearer(pullToken)).statusCode()).isEqualTo(200);
        assertThat(http.get("/v2/", bearer(pullToken)).statusCode()).isEqualTo(200);
    }

    @Test
    void dataPlane_badTokens_are401InvalidTokenWithTheScope() throws Exception {
        String good = token(basic("alice", "alice-pw"), "repository:team/app:pull");
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"pull\"", "\"push\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        for (String bad : List.of(tampered, none, "garbage", good + "x")) {
            HttpResponse<String> r = http.get("/v2/team/app/tags/list", bearer(bad));
            assertThat(r.statusCode()).as(bad).isEqualTo(401);
            assertThat(challenge(r)).isEqualTo("Bearer realm=\"" + realm + "\",service=\"" + SERVICE
                    + "\",scope=\"repository:team/app:pull\",error=\"invalid_token\"");
        }
    }

    @Test
    void catalog_showsWhatTheTokenMayPull() {
        String alice = token(basic("alice", "alice-pw"), "repository:cat/a:pull,push", "repository:public/cat:pull,push");
        push("cat/a", "1", bearer(alice));
        push("public/cat", "1", bearer(alice));

        String aliceCatalog = token(basic("alice", "alice-pw"), "registry:catalog:*");
        JsonNode all = json(http.get("/v2/_catalog", bearer(aliceCatalog)));
        assertThat(all.get("repositories").toString()).contains("cat/a", "public/cat");

        String anonymousCatalog = token(null, "registry:catalog:*");
        JsonNode anon = json(http.get("/v2/_catalog", bearer(anonymousCatalog)));
        assertThat(anon.get("repositories").toString()).contains("public/cat").doesNotContain("cat/a");

        // without the catalog scope: denied to a known caller, challenged for an anonymous one
        String noCatalog = token(basic("alice", "alice-pw"), "repository:cat/a:pull");
        assertThat(http.get("/v2/_catalog", bearer(noCatalog)).statusCode()).isEqualTo(403);
        assertThat(http.get("/v2/_catalog", bearer(token(null))).statusCode()).isEqualTo(401);
    }

    @Test
    void failedLogins_areThrottledPerAddress_whileOtherClientsPass() {
        AuthHttp attacker = new AuthHttp(registry.uri(), "127.0.0.2");
        String path = "/auth/token?service=" + SERVICE;
        for (int i = 0; i < 6; i++) {
            assertThat(attacker.get(path, basic("alice", "guess" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = attacker.get(path, basic("alice", "guess-again"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled).at("/errors/0/code").asText()).isEqualTo("TOOMANYREQUESTS");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        // the right password does not get through from a throttled address either (or guessing would go on)
        assertThat(attacker.get(path, basic("alice", "alice-pw")).statusCode()).isEqualTo(429);
        assertThat(attacker.postForm("/auth/token", Map.of("grant_type", "password", "username", "alice",
                "password", "alice-pw")).statusCode()).isEqualTo(429);
        // an honest client elsewhere is not slowed
        assertThat(http.get(path, basic("alice", "alice-pw")).statusCode()).isEqualTo(200);
    }
}
