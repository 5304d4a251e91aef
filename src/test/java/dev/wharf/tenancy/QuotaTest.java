package dev.wharf.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.config.RegistriesConfig;
import dev.wharf.config.RegistriesConfig.Tier;
import dev.wharf.oci.Digest;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas on the data plane, over HTTP: storage caps refused before bytes are stored when the size is declared and at
 * completion otherwise, repository limits, overage, bandwidth, and pushes outside any registry.
 */
class QuotaTest {
    static final long QUOTA = 4000;
    static final List<Tier> TIERS = List.of(
            new Tier("tiny", "Tiny", 2, QUOTA, false, 6000, false, 0, 0, 100),
            new Tier("roomy", "Roomy", 0, QUOTA, true, 4000, true, 100, 2, 100));

    static TestRegistry registry;
    static RegistryClient data;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        TenancySeams seams = new TenancySeams().token("t", "ops");
        registry = TestRegistry.start(c -> c.withRegistries(c.registries().withTiers(TIERS)), seams.seams(false));
        data = registry.client();
        api = new ApiClient(registry.apiUri(), "t");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static void create(String name, String tier) {
        var r = api.post("/v2/registries", "{\"name\":\"" + name + "\",\"subscription_tier_slug\":\"" + tier + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    static long usage(String name) {
        return api.get("/v2/registries/" + name).json().get("registry").get("storage_usage_bytes").asLong();
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static HttpResponse<byte[]> monolithic(String repo, byte[] content) {
        return data.send(data.request("/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(content))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    static long stagedUploads() throws IOException {
        Path uploads = registry.root().resolve("uploads");
        if (!Files.exists(uploads)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(uploads)) {
            return s.count();
        }
    }

    static void assertDenied(HttpResponse<byte[]> r, String... words) {
        assertThat(r.statusCode()).as(RegistryClient.text(r)).isEqualTo(403);
        assertThat(RegistryClient.errorCode(r)).isEqualTo("DENIED");
        assertThat(RegistryClient.json(r).path("errors").path(0).path("message").asText()).contains(words);
    }

    @Test
    void monolithicOverQuota_refusedBeforeStoring_usageUnchanged() throws IOException {
        create("mono", "tiny");
        data.pushBlob("mono/app", bytes(3000, 1));
        assertThat(usage("mono")).isEqualTo(3000);
        byte[] big = bytes(1500, 2);
        long staged = stagedUploads();
        HttpResponse<byte[]> r = monolithic("mono/app", big);
        assertDenied(r, "quota", "4000", "3000", "tier tiny", "1500");
        assertThat(data.head("/v2/mono/app/blobs/" + Digest.sha256(big)).statusCode()).isEqualTo(404);
        assertThat(usage("mono")).isEqualTo(3000);
        assertThat(stagedUploads()).isEqualTo(staged);
        assertThat(Files.exists(registry.root().resolve("blobs/sha256/" + Digest.sha256(big).hex().substring(0, 2)
                + "/" + Digest.sha256(big).hex()))).isFalse();
    }

    @Test
    void chunkWithDeclaredLength_refusedBeforeStoring() {
        create("chunky", "tiny");
        HttpResponse<byte[]> started = data.send(data.request("/v2/chunky/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> r = data.send(data.request(location).header("Content-Type", "application/octet-stream")
                .header("Content-Range", "0-4999").method("PATCH",
                        HttpRequest.BodyPublishers.ofByteArray(bytes(5000, 3))).build());
        assertDenied(r, "quota", "tier tiny");
        HttpResponse<byte[]> status = data.get(location);
        assertThat(status.headers().firstValue("Range").orElse("")).isEqualTo("0-0");
        assertThat(usage("chunky")).isZero();
    }

    @Test
    void streamedUploadWithoutLength_refusedAtCompletion_nothingLinked() throws IOException {
        create("stream", "tiny");
        byte[] big = bytes(5000, 4);
        long staged = stagedUploads();
        HttpResponse<byte[]> started = data.send(data.request("/v2/stream/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = started.headers().firstValue("Location").orElseThrow();
        String sep = location.contains("?") ? "&" : "?";
        HttpResponse<byte[]> r = data.send(data.request(location + sep + "digest=" + Digest.sha256(big))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertDenied(r, "quota", "tier tiny");
        assertThat(data.head("/v2/stream/app/blobs/" + Digest.sha256(big)).statusCode()).isEqualTo(404);
        assertThat(data.get(location).statusCode()).isEqualTo(404);
        assertThat(usage("stream")).isZero();
        assertThat(stagedUploads()).isEqualTo(staged);
    }

    @Test
    void pushWithinQuotaAfterDelete_succeeds() {
        create("reuse", "tiny");
        Digest first = data.pushBlob("reuse/app", bytes(3500, 5));
        assertThat(monolithic("reuse/app", bytes(1000, 6)).statusCode()).isEqualTo(403);
        assertThat(data.delete("/v2/reuse/app/blobs/" + first).statusCode()).isEqualTo(202);
        assertThat(usage("reuse")).isZero();
        assertThat(monolithic("reuse/app", bytes(1000, 6)).statusCode()).isEqualTo(201);
        assertThat(usage("reuse")).isEqualTo(1000);
    }

    @Test
    void sameBlobCountsOncePerRegistry_mountAddsNothing() {
        create("dedup", "tiny");
        byte[] layer = bytes(2500, 7);
        Digest d = data.pushBlob("dedup/one", layer);
        assertThat(monolithic("dedup/two", layer).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> mount = data.send(data.request("/v2/dedup/one/blobs/uploads/?mount=" + d
                + "&from=dedup/two").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(mount.statusCode()).isEqualTo(201);
        assertThat(usage("dedup")).isEqualTo(2500);
        JsonNode repos = api.get("/v2/registries/dedup/repositoriesV2").json();
        assertThat(repos.get("meta").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void mountFromAnotherRegistryOverQuota_isDenied() {
        create("src-reg", "roomy");
        create("dst-reg", "tiny");
        Digest d = data.pushBlob("src-reg/app", bytes(4500, 8));
        HttpResponse<byte[]> mount = data.send(data.request("/v2/dst-reg/app/blobs/uploads/?mount=" + d
                + "&from=src-reg/app").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertDenied(mount, "quota");
        assertThat(usage("dst-reg")).isZero();
    }

    @Test
    void repositoryLimit_refusesANewRepository() {
        create("limited", "tiny");
        data.pushBlob("limited/one", bytes(10, 9));
        data.pushBlob("limited/two", bytes(10, 10));
        assertDenied(monolithic("limited/three", bytes(10, 11)), "repository limit", "tier tiny", "2");
        assertDenied(data.send(data.request("/v2/limited/three/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build()), "repository limit");
        assertThat(monolithic("limited/two", bytes(10, 12)).statusCode()).isEqualTo(201);
    }

    @Test
    void overageTier_acceptsAndRecordsUsageBeyondIncluded() {
        create("over", "roomy");
        data.pushBlob("over/app", bytes(3000, 13));
        data.pushBlob("over/app", bytes(3000, 14));
        assertThat(usage("over")).isEqualTo(6000).isGreaterThan(QUOTA);
        var options = api.get("/v2/registries/options").json().get("options").get("subscription_tiers");
        assertThat(options.get(0).get("eligibility_reasons").toString()).contains("OverStorageLimit");
    }

    @Test
    void bandwidthBeyondIncluded_refusesPullsWhenTierSaysSo() {
        create("egress", "tiny");
        Digest d = data.pushBlob("egress/app", bytes(2500, 15));
        int ok = 0;
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < 5; i++) {
            last = data.get("/v2/egress/app/blobs/" + d);
            if (last.statusCode() != 200) {
                break;
            }
            ok++;
        }
        assertThat(ok).isEqualTo(3); // 2500, 5000, 7500 bytes: the fourth pull starts beyond 6000
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(RegistryClient.errorCode(last)).isEqualTo("TOOMANYREQUESTS");
        assertThat(RegistryClient.text(last)).contains("monthly bandwidth", "tier tiny", "6000");
        assertThat(data.head("/v2/egress/app/blobs/" + d).statusCode()).isEqualTo(200);

        create("egress-ok", "roomy");
        Digest e = data.pushBlob("egress-ok/app", bytes(2500, 16));
        for (int i = 0; i < 3; i++) {
            assertThat(data.get("/v2/egress-ok/app/blobs/" + e).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void repositoriesOutsideRegistries_haveNoQuota() {
        assertThat(monolithic("free/app", bytes(9000, 17)).statusCode()).isEqualTo(201);
        assertThat(monolithic("single", bytes(9000, 18)).statusCode()).isEqualTo(201);
    }
}
