package dev.wharf.http.api;

import dev.wharf.auth.ApiScope;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.TokenScope;
import dev.wharf.config.WharfConfig;
import dev.wharf.oci.Digest;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.ApiClient.Res;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.wharf.http.api.ManagementApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What godo's {@code RegistriesService} does against Wharf's real accounts, tokens and docker credentials (the data
 * plane authenticates with HTTP Basic against them): the request shapes godo sends, the tokens DigitalOcean issues
 * (API scopes, data scopes, both) and the credentials a registry hands out.
 */
class GodoAccountsContractTest {
    private static final Actor OPERATOR = new Actor("operator", null);
    static TestRegistry registry;
    static AccountServices accounts;
    static RegistryClient data;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.HTPASSWD, null, null,
                List.of())));
        accounts = registry.accounts();
        data = registry.client();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    /** A user {@code name} and a token of it with {@code scopes} (data plane) and {@code api} scopes. */
    static ApiClient user(String name, List<String> scopes, Set<ApiScope> api) {
        accounts.accounts().addUser(OPERATOR, name, name + " password", false);
        return new ApiClient(registry.apiUri(), token(name, scopes, api));
    }

    static String token(String owner, List<String> scopes, Set<ApiScope> api) {
        return accounts.tokens().createPat(OPERATOR, owner, "godo", scopes.stream().map(TokenScope::parse).toList(),
                api, null).text();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header of the docker config JSON the API answered. */
    static String credentials(Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String auth = r.json().get("auths").properties().iterator().next().getValue().get("auth").asText();
        return "Basic " + auth;
    }

    static HttpResponse<byte[]> pushBlob(String repo, byte[] content, String authorization) {
        return data.send(data.request("/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(content))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    static HttpResponse<byte[]> get(String path, String authorization) {
        return data.send(data.request(path).header("Authorization", authorization).GET().build());
    }

    @Test
    void createWithOnlyNameAndRegion_takesTheAccountsSubscription() {
        ApiClient api = user("ann", List.of(), EnumSet.allOf(ApiScope.class));
        assertThat(api.post("/v2/registries", "{\"name\":\"ann-one\",\"subscription_tier_slug\":\"professional\","
                + "\"region\":\"local\"}").status()).isEqualTo(201);
        Res second = api.post("/v2/registries", "{\"name\":\"ann-two\",\"region\":\"local\"}"); // godo's request type
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("registry").get("subscription").get("tier").get("slug").asText())
                .isEqualTo("professional");
    }

    @Test
    void dockerCredentials_forATokenWithoutDataScopes_isForbidden() {
        ApiClient api = user("bea", List.of(), EnumSet.allOf(ApiScope.class));
        assertThat(api.post("/v2/registries", "{\"name\":\"bea-reg\"}").status()).isEqualTo(201);
        assertError(api.get("/v2/registries/bea-reg/docker-credentials?read_write=true"), 403, "forbidden");
        assertError(api.get("/v2/registry/docker-credentials"), 403, "forbidden");
    }

    @Test
    void dockerCredentials_actOnThatRegistryOnly_andDieWithIt() {
        accounts.accounts().addUser(OPERATOR, "cyd", "cyd password", false);
        String token = token("cyd", List.of("*:pull,push"), EnumSet.allOf(ApiScope.class));
        ApiClient api = new ApiClient(registry.apiUri(), token);
        String pat = basic("cyd", token);
        for (String name : List.of("cyd-one", "cyd-two")) {
            assertThat(api.post("/v2/registries", "{\"name\":\"" + name + "\",\"subscription_tier_slug\":"
                    + "\"professional\"}").status()).isEqualTo(201);
        }
        byte[] other = "content of cyd-two".getBytes(StandardCharsets.UTF_8);
        assertThat(pushBlob("cyd-two/app", other, pat).statusCode()).isEqualTo(201);

        String creds = credentials(api.get("/v2/registries/cyd-one/docker-credentials?read_write=true"));
        assertThat(pushBlob("cyd-one/app", "mine".getBytes(StandardCharsets.UTF_8), creds).statusCode())
                .isEqualTo(201);
        HttpResponse<byte[]> elsewhere = pushBlob("cyd-two/app", "not here".getBytes(StandardCharsets.UTF_8), creds);
        assertThat(elsewhere.statusCode()).as(RegistryClient.text(elsewhere)).isIn(401, 403);
        assertThat(get("/v2/cyd-two/app/blobs/" + Digest.sha256(other), creds).statusCode()).isIn(401, 403);

        assertThat(api.delete("/v2/registries/cyd-one").status()).isEqualTo(204);
        assertThat(get("/v2/", creds).statusCode()).as("revoked with its registry").isEqualTo(401);
        assertThat(get("/v2/", pat).statusCode()).as("the account's own token stays").isEqualTo(200);
    }

    @Test
    void pullOnlyTokenWithoutApiScope_isForbiddenOnTheApi() {
        ApiClient owner = user("dot", List.of(), EnumSet.allOf(ApiScope.class));
        assertThat(owner.post("/v2/registries", "{\"name\":\"dot-reg\"}").status()).isEqualTo(201);
        ApiClient pullOnly = owner.as(token("dot", List.of("dot-reg:pull"), Set.of()));
        assertError(pullOnly.get("/v2/registries"), 403, "forbidden");
        assertError(pullOnly.get("/v2/registry"), 403, "forbidden");
        assertError(pullOnly.get("/v2/registries/dot-reg"), 403, "forbidden");
        assertThat(owner.get("/v2/registries").json().get("registries")).hasSize(1);
    }
}
