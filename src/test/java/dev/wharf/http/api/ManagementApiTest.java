package dev.wharf.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.auth.ApiScope;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.ApiClient.Res;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of every management API endpoint, on the API's own listener: status codes, field names and types,
 * errors and auth. Each test uses its own account and registry names, so they share one server.
 */
class ManagementApiTest {
    static TestRegistry registry;
    static TenancySeams seams;
    static RegistryClient data;

    @BeforeAll
    static void start() throws Exception {
        seams = new TenancySeams();
        registry = TestRegistry.start(c -> c, seams.seams(true));
        data = registry.client();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    /** A client with a fresh token of a fresh account holding {@code scopes} (all when none). */
    static ApiClient account(String account, ApiScope... scopes) {
        String token = "tok-" + account + "-" + scopes.length;
        seams.token(token, account, scopes);
        return new ApiClient(registry.apiUri(), token);
    }

    static void assertError(Res r, int status, String id) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        assertThat(r.json().get("message").isTextual()).isTrue();
        assertThat(r.json().get("message").asText()).isNotBlank();
        assertThat(r.json().get("request_id").asText()).isNotBlank();
    }

    static void assertRegistry(JsonNode reg, String name, String region, String tier) {
        assertThat(reg.get("name").asText()).isEqualTo(name);
        assertThat(reg.get("region").asText()).isEqualTo(region);
        assertThat(reg.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(reg.get("storage_usage_bytes").isIntegralNumber()).isTrue();
        assertThat(reg.get("storage_usage_bytes_updated_at").asText()).endsWith("Z");
        JsonNode sub = reg.get("subscription");
        assertThat(sub.get("created_at").isTextual()).isTrue();
        assertThat(sub.get("updated_at").isTextual()).isTrue();
        assertTier(sub.get("tier"), tier);
    }

    static void assertTier(JsonNode t, String slug) {
        assertThat(t.get("slug").asText()).isEqualTo(slug);
        assertThat(t.get("name").isTextual()).isTrue();
        for (String f : List.of("included_repositories", "included_storage_bytes", "included_bandwidth_bytes",
                "monthly_price_in_cents", "storage_overage_price_in_cents")) {
            assertThat(t.get(f).isIntegralNumber()).as(f).isTrue();
        }
        assertThat(t.get("allow_storage_overage").isBoolean()).isTrue();
    }

    static String image(String repo, String tag, int seed) {
        data.pushImage(repo, tag, ("layer " + seed + " of " + repo).getBytes(StandardCharsets.UTF_8));
        return repo;
    }

    // --- auth ---------------------------------------------------------------------------------------------------

    @Test
    void noToken_is401WithErrorBody() {
        assertError(new ApiClient(registry.apiUri(), null).get("/v2/registries"), 401, "unauthorized");
        assertError(new ApiClient(registry.apiUri(), "wrong").get("/v2/registry"), 401, "unauthorized");
    }

    @Test
    void basicAuth_withTokenAsPassword_isAccepted() throws Exception {
        account("basic-user");
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry.apiUri() + "/v2/registries"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "anyone:tok-basic-user-0".getBytes(StandardCharsets.UTF_8))).build();
        var r = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void scopes_readOnlyTokenCannotCreateOrDelete_otherAccountCannotRead() {
        ApiClient owner = account("scoped");
        assertThat(owner.post("/v2/registries", "{\"name\":\"scoped-reg\"}").status()).isEqualTo(201);
        ApiClient reader = account("scoped", ApiScope.READ);
        assertThat(reader.get("/v2/registries/scoped-reg").status()).isEqualTo(200);
        assertError(reader.post("/v2/registries", "{\"name\":\"scoped-two\"}"), 403, "forbidden");
        assertError(reader.delete("/v2/registries/scoped-reg"), 403, "forbidden");
        ApiClient stranger = account("stranger");
        assertError(stranger.get("/v2/registries/scoped-reg"), 403, "forbidden");
        assertThat(stranger.get("/v2/registries").json().get("registries")).isEmpty();
    }

    // --- registries ---------------------------------------------------------------------------------------------

    @Test
    void legacyFamily_createGetDelete() {
        ApiClient api = account("legacy");
        assertError(api.get("/v2/registry"), 404, "not_found");
        Res created = api.post("/v2/registry",
                "{\"name\":\"legacy-reg\",\"subscription_tier_slug\":\"basic\",\"region\":\"local\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertRegistry(created.json().get("registry"), "legacy-reg", "local", "basic");
        assertThat(seams.grants.get("legacy-reg")).containsEntry("legacy", dev.wharf.auth.RegistryRoles.Role.ADMIN);
        Res got = api.get("/v2/registry");
        assertThat(got.status()).isEqualTo(200);
        assertRegistry(got.json().get("registry"), "legacy-reg", "local", "basic");
        assertThat(api.delete("/v2/registry").status()).isEqualTo(204);
        assertThat(seams.grants).doesNotContainKey("legacy-reg");
        assertError(api.get("/v2/registry"), 404, "not_found");
    }

    @Test
    void create_badInput_givesClearErrors() {
        ApiClient api = account("bad-input");
        assertError(api.post("/v2/registry", "{\"name\":\"no-tier\"}"), 422, "unprocessable_entity");
        assertError(api.post("/v2/registries", "{\"name\":\"Upper\"}"), 422, "unprocessable_entity");
        assertError(api.post("/v2/registries", "{\"name\":\"1starts-with-digit\"}"), 422, "unprocessable_entity");
        assertError(api.post("/v2/registries", "{\"name\":\"ends-with-\"}"), 422, "unprocessable_entity");
        assertError(api.post("/v2/registries", "{\"name\":\"" + "a".repeat(64) + "\"}"), 422, "unprocessable_entity");
        assertError(api.post("/v2/registries", "{\"name\":\"bad-region\",\"region\":\"mars1\"}"), 422,
                "unprocessable_entity");
        assertError(api.post("/v2/registries", "{\"name\":\"bad-tier\",\"subscription_tier_slug\":\"gold\"}"), 422,
                "unprocessable_entity");
        assertError(api.post("/v2/registries", "{\"name\":\"options\"}"), 422, "unprocessable_entity");
        assertError(api.post("/v2/registries", "{not json"), 400, "bad_request");
        assertError(api.post("/v2/registries", "{\"name\":5}"), 400, "bad_request");
        assertThat(api.get("/v2/registries").json().get("registries")).isEmpty();
    }

    @Test
    void create_takenName_is409() {
        ApiClient a = account("taken-a");
        ApiClient b = account("taken-b");
        assertThat(a.post("/v2/registries", "{\"name\":\"taken\"}").status()).isEqualTo(201);
        assertError(b.post("/v2/registries", "{\"name\":\"taken\"}"), 409, "conflict");
    }

    @Test
    void multiFamily_listGetDelete_andLegacyIs412WithSeveral() {
        ApiClient api = account("multi");
        assertThat(api.post("/v2/registries",
                "{\"name\":\"multi-one\",\"subscription_tier_slug\":\"professional\"}").status()).isEqualTo(201);
        assertThat(api.post("/v2/registries",
                "{\"name\":\"multi-two\",\"subscription_tier_slug\":\"professional\"}").status()).isEqualTo(201);
        Res list = api.get("/v2/registries");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("registries")).hasSize(2);
        assertThat(list.json().get("total_storage_usage_bytes").isIntegralNumber()).isTrue();
        assertRegistry(api.get("/v2/registries/multi-two").json().get("registry"), "multi-two", "local",
                "professional");
        assertError(api.get("/v2/registry"), 412, "precondition_failed");
        assertError(api.delete("/v2/registry"), 412, "precondition_failed");
        assertThat(api.delete("/v2/registries/multi-two").status()).isEqualTo(204);
        assertThat(api.get("/v2/registries").json().get("registries")).hasSize(1);
        assertThat(api.get("/v2/registry").json().get("registry").get("name").asText()).isEqualTo("multi-one");
        assertError(api.delete("/v2/registries/multi-two"), 403, "forbidden"); // its grants went with it
    }

    @Test
    void registriesPerAccount_limitedByTier() {
        ApiClient api = account("one-only");
        assertThat(api.post("/v2/registries", "{\"name\":\"one-only-a\"}").status()).isEqualTo(201);
        Res second = api.post("/v2/registries", "{\"name\":\"one-only-b\"}");
        assertError(second, 412, "precondition_failed");
        assertThat(second.json().get("message").asText()).contains("OverRegistryLimit");
    }

    // --- subscription and options -------------------------------------------------------------------------------

    @Test
    void subscription_getAndUpdate_withEligibility() {
        ApiClient api = account("sub");
        assertError(api.get("/v2/registry/subscription"), 404, "not_found");
        api.post("/v2/registries", "{\"name\":\"sub-reg\",\"subscription_tier_slug\":\"basic\"}");
        image("sub-reg/one", "1", 1);
        image("sub-reg/two", "1", 2);
        for (String family : List.of("/v2/registry", "/v2/registries")) {
            Res got = api.get(family + "/subscription");
            assertThat(got.status()).isEqualTo(200);
            assertTier(got.json().get("subscription").get("tier"), "basic");
        }
        Res refused = api.post("/v2/registries/subscription", "{\"tier_slug\":\"starter\"}");
        assertError(refused, 412, "precondition_failed");
        assertThat(refused.json().get("message").asText())
                .isEqualTo("registry is not eligible for tier because: [OverRepositoryLimit]");
        Res changed = api.post("/v2/registry/subscription", "{\"tier_slug\":\"professional\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertTier(changed.json().get("subscription").get("tier"), "professional");
        assertError(api.post("/v2/registry/subscription", "{}"), 422, "unprocessable_entity");

        Res options = api.get("/v2/registries/options");
        assertThat(options.status()).isEqualTo(200);
        JsonNode o = options.json().get("options");
        assertThat(o.get("available_regions").get(0).asText()).isEqualTo("local");
        JsonNode tiers = o.get("subscription_tiers");
        assertThat(tiers).hasSize(3);
        JsonNode starter = tiers.get(0);
        assertTier(starter, "starter");
        assertThat(starter.get("eligible").asBoolean()).isFalse();
        assertThat(starter.get("eligibility_reasons").get(0).asText()).isEqualTo("OverRepositoryLimit");
        assertThat(tiers.get(1).get("eligible").asBoolean()).isTrue();
        assertThat(tiers.get(1).get("eligibility_reasons")).isEmpty();
        assertThat(api.get("/v2/registry/options").json()).isEqualTo(options.json());
    }

    // --- credentials and names ----------------------------------------------------------------------------------

    @Test
    void dockerCredentials_bothFamilies_authHasNoExtraColon() {
        ApiClient api = account("creds");
        api.post("/v2/registries", "{\"name\":\"creds-reg\"}");
        for (String path : List.of("/v2/registry/docker-credentials?read_write=true&expiry_seconds=3600",
                "/v2/registries/creds-reg/docker-credentials")) {
            Res r = api.get(path);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            var auths = r.json().get("auths").properties().iterator().next();
            assertThat(auths.getKey()).isEqualTo("127.0.0.1:" + registry.uri().getPort());
            String pair = new String(Base64.getDecoder().decode(auths.getValue().get("auth").asText()),
                    StandardCharsets.UTF_8);
            assertThat(pair.split(":")).hasSize(2);
        }
        assertThat(api.get("/v2/registry/docker-credentials?read_write=true").text()).contains("auths");
        assertError(api.get("/v2/registry/docker-credentials?expiry_seconds=-1"), 400, "bad_request");
        assertError(api.get("/v2/registry/docker-credentials?read_write=maybe"), 400, "bad_request");
    }

    @Test
    void validateName_204Or409Or422() {
        ApiClient api = account("names");
        api.post("/v2/registries", "{\"name\":\"names-taken\"}");
        assertThat(api.post("/v2/registry/validate-name", "{\"name\":\"names-free\"}").status()).isEqualTo(204);
        assertError(api.post("/v2/registries/validate-name", "{\"name\":\"names-taken\"}"), 409, "conflict");
        assertError(api.post("/v2/registry/validate-name", "{\"name\":\"Bad_Name\"}"), 422, "unprocessable_entity");
        assertError(api.post("/v2/registry/validate-name", "{}"), 422, "unprocessable_entity");
    }

    // --- repositories, tags, manifests ------------------------------------------------------------------------------

    @Test
    void repositories_v1AndV2_paginateWithLinksMetaAndTokens() {
        ApiClient api = account("repos");
        api.post("/v2/registries", "{\"name\":\"repos\",\"subscription_tier_slug\":\"professional\"}");
        for (String r : List.of("a", "b", "c", "team/d", "team/e")) {
            image("repos/" + r, "v1", r.hashCode());
        }
        Res v1 = api.get("/v2/registry/repos/repositories?per_page=2&page=2");
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.json().get("meta").get("total").asLong()).isEqualTo(5);
        assertThat(v1.json().get("repositories")).hasSize(2);
        JsonNode first = v1.json().get("repositories").get(0);
        assertThat(first.get("registry_name").asText()).isEqualTo("repos");
        assertThat(first.get("name").asText()).isEqualTo("c");
        assertThat(first.get("tag_count").asLong()).isEqualTo(1);
        assertThat(first.get("latest_tag").get("tag").asText()).isEqualTo("v1");
        JsonNode pages = v1.json().get("links").get("pages");
        assertThat(pages.get("first").asText()).endsWith("/v2/registry/repos/repositories?page=1&per_page=2");
        assertThat(pages.get("prev").asText()).contains("page=1&per_page=2");
        assertThat(pages.get("next").asText()).contains("page=3&per_page=2");
        assertThat(pages.get("last").asText()).contains("page=3&per_page=2");

        List<String> names = new ArrayList<>();
        String next = "/v2/registries/repos/repositoriesV2?per_page=2";
        for (int i = 0; i < 5 && next != null; i++) {
            Res page = api.get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("meta").get("total").asLong()).isEqualTo(5);
            for (JsonNode r : page.json().get("repositories")) {
                names.add(r.get("name").asText());
                assertThat(r.get("manifest_count").asLong()).isEqualTo(1);
                assertThat(r.get("tag_count").asLong()).isEqualTo(1);
                JsonNode m = r.get("latest_manifest");
                assertThat(m.get("digest").asText()).startsWith("sha256:");
                assertThat(m.get("tags").get(0).asText()).isEqualTo("v1");
                assertThat(m.get("blobs")).hasSize(2);
            }
            JsonNode n = page.json().get("links").get("pages").get("next");
            next = n == null ? null : n.asText().substring(n.asText().indexOf("/v2/"));
        }
        assertThat(names).containsExactly("a", "b", "c", "team/d", "team/e");
        assertError(api.get("/v2/registries/repos/repositoriesV2?page_token=garbage!"), 400, "bad_request");
        assertError(api.get("/v2/registries/repos/repositoriesV2?per_page=201"), 400, "bad_request");
        assertError(api.get("/v2/registries/repos/repositoriesV2?per_page=0"), 400, "bad_request");
        assertError(api.get("/v2/registries/repos/repositoriesV2?page=x"), 400, "bad_request");
        assertThat(api.get("/v2/registries/repos/repositoriesV2?per_page=200").json().get("links").get("pages"))
                .isEmpty();
        assertError(api.get("/v2/registries/nope/repositoriesV2"), 403, "forbidden");
    }

    @Test
    void tagsAndDigests_listAndDelete_withEncodedSlash() {
        ApiClient api = account("tags");
        api.post("/v2/registries", "{\"name\":\"tags\"}");
        image("tags/team/app", "one", 1);
        byte[] manifest = data.pushImage("tags/team/app", "two", "second".getBytes(StandardCharsets.UTF_8));
        String digest = dev.wharf.oci.Digest.sha256(manifest).toString();
        Res tags = api.get("/v2/registry/tags/repositories/team%2Fapp/tags?per_page=1");
        assertThat(tags.status()).as(tags.toString()).isEqualTo(200);
        assertThat(tags.json().get("meta").get("total").asLong()).isEqualTo(2);
        JsonNode tag = tags.json().get("tags").get(0);
        assertThat(tag.get("registry_name").asText()).isEqualTo("tags");
        assertThat(tag.get("repository").asText()).isEqualTo("team/app");
        assertThat(tag.get("tag").asText()).isEqualTo("one");
        assertThat(tag.get("manifest_digest").asText()).startsWith("sha256:");
        assertThat(tag.get("compressed_size_bytes").asLong()).isPositive();
        assertThat(tag.get("size_bytes").isIntegralNumber()).isTrue();
        assertThat(tag.get("updated_at").asText()).endsWith("Z");

        Res digests = api.get("/v2/registries/tags/repositories/team%2Fapp/digests");
        assertThat(digests.json().get("manifests")).hasSize(2);
        JsonNode m = digests.json().get("manifests").get(0);
        assertThat(m.get("digest").asText()).isEqualTo(digest);
        assertThat(m.get("tags").get(0).asText()).isEqualTo("two");
        assertThat(m.get("blobs").get(0).get("digest").asText()).startsWith("sha256:");
        assertThat(m.get("blobs").get(0).get("compressed_size_bytes").isIntegralNumber()).isTrue();
        assertThat(m.get("compressed_size_bytes").asLong()).isGreaterThan(manifest.length);

        assertThat(api.delete("/v2/registry/tags/repositories/team%2Fapp/tags/one").status()).isEqualTo(204);
        assertError(api.delete("/v2/registry/tags/repositories/team%2Fapp/tags/one"), 404, "not_found");
        assertThat(data.get("/v2/tags/team/app/manifests/one").statusCode()).isEqualTo(404);
        assertThat(api.delete("/v2/registries/tags/repositories/team%2Fapp/digests/" + digest).status())
                .isEqualTo(204);
        assertThat(data.get("/v2/tags/team/app/manifests/two").statusCode()).isEqualTo(404);
        assertError(api.delete("/v2/registries/tags/repositories/team%2Fapp/digests/sha256:zz"), 422,
                "unprocessable_entity");
        assertError(api.get("/v2/registries/tags/repositories/missing/tags"), 404, "not_found");
    }

    @Test
    void deleteRepository_removesItsContentAndUsage() {
        ApiClient api = account("delrepo");
        api.post("/v2/registries", "{\"name\":\"delrepo\"}");
        image("delrepo/keep", "1", 1);
        image("delrepo/team/gone", "1", 2);
        long before = api.get("/v2/registries/delrepo").json().get("registry").get("storage_usage_bytes").asLong();
        assertThat(api.delete("/v2/registries/delrepo/repositories/team%2Fgone").status()).isEqualTo(204);
        assertThat(data.get("/v2/delrepo/team/gone/manifests/1").statusCode()).isEqualTo(404);
        long after = api.get("/v2/registries/delrepo").json().get("registry").get("storage_usage_bytes").asLong();
        assertThat(after).isLessThan(before).isPositive();
        assertError(api.delete("/v2/registries/delrepo/repositories/team%2Fgone"), 404, "not_found");
        assertThat(api.get("/v2/registries/delrepo/repositoriesV2").json().get("meta").get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void deleteRegistry_removesRepositoriesMetadata() {
        ApiClient api = account("delreg");
        api.post("/v2/registries", "{\"name\":\"delreg\"}");
        image("delreg/app", "1", 1);
        assertThat(api.delete("/v2/registries/delreg").status()).isEqualTo(204);
        assertThat(data.get("/v2/delreg/app/manifests/1").statusCode()).isEqualTo(404);
        assertThat(api.post("/v2/registries", "{\"name\":\"delreg\"}").status()).isEqualTo(201);
        assertThat(api.get("/v2/registries/delreg").json().get("registry").get("storage_usage_bytes").asLong())
                .isZero();
    }

    // --- garbage collection ------------------------------------------------------------------------------------------

    @Test
    void garbageCollection_startActiveListCancel() {
        ApiClient api = account("gc");
        api.post("/v2/registries", "{\"name\":\"gc-reg\"}");
        assertError(api.get("/v2/registry/gc-reg/garbage-collection"), 404, "not_found");
        Res started = api.post("/v2/registry/gc-reg/garbage-collection", "{\"type\":\"untagged manifests only\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode gc = started.json().get("garbage_collection");
        assertThat(gc.get("uuid").asText()).isNotBlank();
        assertThat(gc.get("registry_name").asText()).isEqualTo("gc-reg");
        assertThat(gc.get("status").asText()).isEqualTo("requested");
        assertThat(gc.get("type").asText()).isEqualTo("untagged manifests only");
        assertThat(gc.get("blobs_deleted").isIntegralNumber()).isTrue();
        assertThat(gc.get("freed_bytes").isIntegralNumber()).isTrue();
        assertThat(gc.get("created_at").asText()).endsWith("Z");
        assertThat(gc.get("updated_at").asText()).endsWith("Z");
        assertError(api.post("/v2/registries/gc-reg/garbage-collection", null), 409, "conflict");
        assertThat(api.get("/v2/registries/gc-reg/garbage-collection").json().get("garbage_collection")
                .get("uuid")).isEqualTo(gc.get("uuid"));
        Res list = api.get("/v2/registry/gc-reg/garbage-collections");
        assertThat(list.json().get("garbage_collections")).hasSize(1);
        assertThat(list.json().get("meta").get("total").asLong()).isEqualTo(1);
        String uuid = gc.get("uuid").asText();
        assertError(api.put("/v2/registry/gc-reg/garbage-collection/" + uuid, "{\"cancel\":false}"), 400,
                "bad_request");
        Res cancelled = api.put("/v2/registries/gc-reg/garbage-collection/" + uuid, "{\"cancel\":true}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("garbage_collection").get("status").asText()).isEqualTo("cancelled");
        assertError(api.get("/v2/registry/gc-reg/garbage-collection"), 404, "not_found");
        assertError(api.put("/v2/registry/gc-reg/garbage-collection/nope", "{\"cancel\":true}"), 404, "not_found");
        Res dflt = api.post("/v2/registries/gc-reg/garbage-collection", null);
        assertThat(dflt.json().get("garbage_collection").get("type").asText()).isEqualTo("unreferenced blobs only");
        assertError(api.post("/v2/registry/gc-reg/garbage-collection", "{\"type\":\"everything\"}"), 422,
                "unprocessable_entity");
    }

    @Test
    void garbageCollection_drivesTheServersCollector_andNoTokenMeansUnauthorized() throws Exception {
        TenancySeams other = new TenancySeams().token("t", "solo");
        try (TestRegistry withGc = TestRegistry.start(c -> c, other.seams(false));
             TestRegistry none = TestRegistry.start()) {
            ApiClient api = new ApiClient(withGc.apiUri(), "t");
            assertThat(api.post("/v2/registries", "{\"name\":\"solo\"}").status()).isEqualTo(201);
            Res gc = api.post("/v2/registries/solo/garbage-collection", null);
            assertThat(gc.status()).as(gc.text()).isEqualTo(201);
            String uuid = gc.json().get("garbage_collection").get("uuid").asText();
            assertThat(withGc.server().gc().get(uuid)).as("the run is the collector's own").isPresent();
            Res list = api.get("/v2/registry/solo/garbage-collections");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.text()).contains(uuid);
            assertError(new ApiClient(none.apiUri(), "t").get("/v2/registries"), 401, "unauthorized");
        }
    }

    // --- routing -----------------------------------------------------------------------------------------------------

    @Test
    void mainPort_servesTheSameApiUnderApi() {
        account("prefix");
        ApiClient api = new ApiClient(java.net.URI.create(registry.uri() + "/api"), "tok-prefix-0");
        assertThat(api.post("/v2/registries", "{\"name\":\"prefix-reg\"}").status()).isEqualTo(201);
        assertThat(api.get("/v2/registry").json().get("registry").get("name").asText()).isEqualTo("prefix-reg");
        assertError(api.get("/v2/nothing"), 404, "not_found");
        assertThat(data.get("/v2/").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethods_areDoErrors() {
        ApiClient api = account("routing");
        assertError(api.get("/v2/droplets"), 404, "not_found");
        assertError(api.put("/v2/registries", "{}"), 405, "method_not_allowed");
        assertError(api.get("/v2/registry/x/unknown"), 404, "not_found");
    }
}
