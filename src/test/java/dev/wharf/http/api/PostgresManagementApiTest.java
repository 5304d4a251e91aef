package dev.wharf.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.config.RegistriesConfig.Tier;
import dev.wharf.config.WharfConfig;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestPostgres;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The management API and quotas on PostgreSQL metadata: listings, deletes, usage and a refused push. */
class PostgresManagementApiTest {
    /** This class's schema on the shared server; its servers share it as nodes of one deployment would. */
    static String url;

    @BeforeAll
    static void newSchema() throws Exception {
        url = TestPostgres.shared().newSchemaUrl("api");
    }

    private static String url() {
        return url;
    }

    @Test
    void listingsDeletesUsageAndQuota_onPostgres() throws Exception {
        List<Tier> tiers = List.of(new Tier("pro", "Pro", 0, 1L << 30, true, 1L << 30, true, 0, 0, 10),
                new Tier("tiny", "Tiny", 1, 2000, false, 1L << 30, true, 0, 0, 10));
        TenancySeams seams = new TenancySeams().token("t", "ops");
        try (TestRegistry server = TestRegistry.start(c -> c
                .withDatabase(new WharfConfig.Database(url(), TestPostgres.USER, null))
                .withRegistries(c.registries().withTiers(tiers)), seams.seams(true))) {
            ApiClient api = new ApiClient(server.apiUri(), "t");
            RegistryClient data = server.client();
            assertThat(api.post("/v2/registries", "{\"name\":\"pg\",\"subscription_tier_slug\":\"pro\"}").status())
                    .isEqualTo(201);
            for (String repo : List.of("a", "b", "team/c")) {
                data.pushImage("pg/" + repo, "v1", ("layer " + repo).getBytes(StandardCharsets.UTF_8));
            }
            data.pushImage("pg/a", "v2", "layer a2".getBytes(StandardCharsets.UTF_8));

            List<String> names = new ArrayList<>();
            String next = "/v2/registries/pg/repositoriesV2?per_page=2";
            for (int i = 0; i < 4 && next != null; i++) {
                JsonNode page = api.get(next).json();
                page.get("repositories").forEach(r -> names.add(r.get("name").asText()));
                JsonNode n = page.get("links").get("pages").get("next");
                next = n == null ? null : n.asText().substring(n.asText().indexOf("/v2/"));
            }
            assertThat(names).containsExactly("a", "b", "team/c");
            assertThat(api.get("/v2/registry/pg/repositories/a/tags").json().get("meta").get("total").asLong())
                    .isEqualTo(2);
            assertThat(api.get("/v2/registry/pg/repositories/a/digests").json().get("manifests")).hasSize(2);
            assertThat(api.delete("/v2/registry/pg/repositories/a/tags/v1").status()).isEqualTo(204);
            assertThat(api.delete("/v2/registries/pg/repositories/team%2Fc").status()).isEqualTo(204);

            long live = api.get("/v2/registries/pg").json().get("registry").get("storage_usage_bytes").asLong();
            try (JdbcMetadataStore meta = JdbcMetadataStore.open(url(), TestPostgres.USER, null)) {
                assertThat(meta.registries().computeUsage("pg").total()).isPositive().isEqualTo(live);
            }

            assertThat(api.post("/v2/registries", "{\"name\":\"pg-tiny\",\"subscription_tier_slug\":\"tiny\"}")
                    .status()).isEqualTo(201);
            data.pushBlob("pg-tiny/app", new byte[1500]);
            byte[] more = new byte[1000];
            more[0] = 1;
            var refused = data.send(data.request("/v2/pg-tiny/app/blobs/uploads/?digest="
                    + dev.wharf.oci.Digest.sha256(more)).POST(HttpRequest.BodyPublishers.ofByteArray(more)).build());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(RegistryClient.text(refused)).contains("quota", "tier tiny");
            assertThat(api.delete("/v2/registries/pg-tiny").status()).isEqualTo(204);
            assertThat(data.get("/v2/pg-tiny/app/blobs/" + dev.wharf.oci.Digest.sha256(new byte[1500])).statusCode())
                    .isEqualTo(404);
        }
    }
}
