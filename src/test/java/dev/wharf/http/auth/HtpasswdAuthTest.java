package dev.wharf.http.auth;

import static dev.wharf.http.auth.AuthHttp.basic;
import static dev.wharf.http.auth.AuthHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.wharf.config.WharfConfig;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** registry:2's htpasswd mode on a real Wharf: Basic challenges, any user may do everything, public pulls, throttling. */
class HtpasswdAuthTest {
    static TestRegistry registry;
    static Path htpasswd;
    static AuthHttp http;

    @BeforeAll
    static void start() throws Exception {
        htpasswd = Files.createTempDirectory("wharf-htpasswd-test").resolve("htpasswd");
        Files.writeString(htpasswd, entry("alice", "alice-pw"));
        registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.HTPASSWD,
                new WharfConfig.Htpasswd("Registry Realm", htpasswd), null, List.of("public/**"))));
        http = new AuthHttp(registry.uri(), "127.0.0.1");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static String entry(String user, String password) {
        return user + ":" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(5, password.toCharArray()) + "\n";
    }

    static void push(String repo, String authorization) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"r\":\"" + repo + "\"}").getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : List.of(config)) {
            HttpResponse<String> r = http.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(blob),
                    authorization, "application/octet-stream", blob);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        byte[] manifest = Manifests.ociManifest(Digest.sha256(config), config.length, Digest.sha256(config), config.length);
        HttpResponse<String> r = http.send("PUT", "/v2/" + repo + "/manifests/latest", authorization,
                Manifests.OCI_MANIFEST, manifest);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void anonymousCallersAreChallengedWithBasic() {
        HttpResponse<String> base = http.get("/v2/", null);
        assertThat(base.statusCode()).isEqualTo(401);
        assertThat(base.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Registry Realm\"");
        HttpResponse<String> pull = http.get("/v2/private/app/manifests/latest", null);
        assertThat(pull.statusCode()).isEqualTo(401);
        assertThat(json(pull).at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(json(pull).at("/errors/0/detail/0/Action").asText()).isEqualTo("pull");
        HttpResponse<String> wrong = http.get("/v2/", basic("alice", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(http.get("/v2/", basic("alice", "alice-pw")).statusCode()).isEqualTo(200);
    }

    @Test
    void anyAuthenticatedUserMayDoEverything_anonymousMayPullPublicRepositories() {
        push("private/app", basic("alice", "alice-pw"));
        push("public/team/app", basic("alice", "alice-pw"));
        assertThat(http.get("/v2/private/app/manifests/latest", basic("alice", "alice-pw")).statusCode()).isEqualTo(200);
        assertThat(http.get("/v2/public/team/app/manifests/latest", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/v2/public/team/app/tags/list", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/v2/private/app/manifests/latest", null).statusCode()).isEqualTo(401);
        HttpResponse<String> anonPush = http.send("POST", "/v2/public/team/app/blobs/uploads/", null, null, new byte[0]);
        assertThat(anonPush.statusCode()).isEqualTo(401);
        String anonCatalog = http.get("/v2/_catalog", null).body();
        assertThat(anonCatalog).contains("public/team/app").doesNotContain("private/app");
        assertThat(http.get("/v2/_catalog", basic("alice", "alice-pw")).body()).contains("private/app", "public/team/app");
    }

    @Test
    void usersAddedToTheFileCanLogInAtOnce() throws Exception {
        assertThat(http.get("/v2/", basic("dave", "dave-pw")).statusCode()).isEqualTo(401);
        Files.writeString(htpasswd, entry("alice", "alice-pw") + entry("dave", "dave-pw"));
        assertThat(http.get("/v2/", basic("dave", "dave-pw")).statusCode()).isEqualTo(200);
    }

    @Test
    void failedBasicLoginsAreThrottledPerAddress() {
        AuthHttp attacker = new AuthHttp(registry.uri(), "127.0.0.3");
        for (int i = 0; i < 6; i++) {
            assertThat(attacker.get("/v2/", basic("alice", "guess" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = attacker.get("/v2/", basic("alice", "alice-pw"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled).at("/errors/0/code").asText()).isEqualTo("TOOMANYREQUESTS");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.get("/v2/", basic("alice", "alice-pw")).statusCode()).isEqualTo(200);
        // no token service in htpasswd mode
        assertThat(http.get("/auth/token", basic("alice", "alice-pw")).statusCode()).isEqualTo(404);
    }
}
