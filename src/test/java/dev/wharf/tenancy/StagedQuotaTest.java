package dev.wharf.tenancy;

import dev.wharf.config.RegistriesConfig.Tier;
import dev.wharf.oci.Digest;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestRegistry;
import dev.wharf.testing.UploadCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.wharf.testing.UploadCalls.bytes;
import static dev.wharf.testing.UploadCalls.stagedOnDisk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes staged in unfinished uploads count against their registry's free quota while they are staged: a body that
 * would pass it is refused with DENIED (a streamed one where it crosses) and leaves nothing staged; concurrent
 * uploads cannot pass it together; completing or cancelling an upload frees its staged count.
 */
class StagedQuotaTest {
    static final int KIB = 1024;
    static final long QUOTA = 1024 * KIB;
    static final List<Tier> TIERS = List.of(new Tier("small", "Small", 0, QUOTA, false, 1L << 30, false, 0, 0, 100));

    static TestRegistry registry;
    static RegistryClient data;
    static UploadCalls uploads;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        TenancySeams seams = new TenancySeams().token("t", "ops");
        registry = TestRegistry.start(c -> c.withRegistries(c.registries().withTiers(TIERS)), seams.seams(false));
        data = registry.client();
        uploads = new UploadCalls(data);
        api = new ApiClient(registry.apiUri(), "t");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static void create(String name) {
        var r = api.post("/v2/registries", "{\"name\":\"" + name + "\",\"subscription_tier_slug\":\"small\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    static void assertDenied(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(RegistryClient.text(r)).isEqualTo(403);
        assertThat(RegistryClient.errorCode(r)).isEqualTo("DENIED");
        assertThat(RegistryClient.json(r).path("errors").path(0).path("message").asText())
                .contains("storage quota exceeded", String.valueOf(QUOTA));
    }

    static long rangeEnd(String location) {
        String range = data.get(location).headers().firstValue("Range").orElseThrow();
        return Long.parseLong(range.substring(range.indexOf('-') + 1));
    }

    @Test
    void fullRegistry_streamedPatchesWithoutLength_deniedWhereTheyCross_nothingStaged() {
        create("full");
        data.pushBlob("full/app", bytes((int) QUOTA - 1000, 1));
        long stagedBefore = stagedOnDisk(registry.root());
        for (int i = 0; i < 5; i++) { // bodies the refusal can drain (8 MiB), so the client always reads the answer
            String location = uploads.start("full/app");
            HttpResponse<byte[]> r = uploads.patchStreaming(location, () -> new UploadCalls.CountingBody(4L << 20));
            assertDenied(r);
            assertThat(RegistryClient.text(r)).contains("staged");
            assertThat(rangeEnd(location)).isZero();
        }
        assertThat(stagedOnDisk(registry.root())).isEqualTo(stagedBefore);
    }

    @Test
    void uploadsOpenTogether_whoseSumPassesTheQuota_haveTheExcessRefused() {
        create("together");
        String first = uploads.start("together/app");
        String second = uploads.start("together/app");
        String third = uploads.start("together/app");
        assertThat(uploads.patchDeclared(first, bytes(400 * KIB, 2)).statusCode()).isEqualTo(202);
        assertThat(uploads.patchStreaming(second, bytes(400 * KIB, 3)).statusCode()).isEqualTo(202);
        assertDenied(uploads.patchDeclared(third, bytes(400 * KIB, 4)));
        assertDenied(uploads.patchStreaming(third, bytes(400 * KIB, 4)));
        assertThat(rangeEnd(third)).isZero();
    }

    @Test
    void concurrentStreamedPatches_neverStageMoreThanTheQuota() throws Exception {
        create("racing");
        int n = 6;
        int chunk = 400 * KIB;
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            locations.add(uploads.start("racing/app"));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String location = locations.get(i);
                byte[] body = bytes(chunk, 10 + i);
                statuses.add(pool.submit(() -> {
                    go.await();
                    return uploads.patchStreaming(location, body).statusCode();
                }));
            }
            go.countDown();
            int accepted = 0;
            for (Future<Integer> s : statuses) {
                int status = s.get(60, TimeUnit.SECONDS);
                assertThat(status).isIn(202, 403);
                accepted += status == 202 ? 1 : 0;
            }
            assertThat((long) accepted * chunk).isLessThanOrEqualTo(QUOTA);
            assertThat(accepted).isLessThan(n);
            long staged = 0;
            for (String location : locations) {
                staged += rangeEnd(location) == 0 ? 0 : rangeEnd(location) + 1;
            }
            assertThat(staged).isEqualTo((long) accepted * chunk);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelAndCompletion_freeTheStagedCount() {
        create("freed");
        String a = uploads.start("freed/app");
        String b = uploads.start("freed/app");
        assertThat(uploads.patchDeclared(a, bytes(700 * KIB, 20)).statusCode()).isEqualTo(202);
        assertDenied(uploads.patchStreaming(b, bytes(700 * KIB, 21)));

        assertThat(uploads.cancel(a).statusCode()).isEqualTo(204);
        byte[] content = bytes(700 * KIB, 21);
        assertThat(uploads.patchStreaming(b, content).statusCode()).isEqualTo(202);
        assertThat(uploads.complete(b, Digest.sha256(content)).statusCode()).isEqualTo(201);

        // 700 KiB are used now and nothing is staged: 300 KiB fit, and staged-but-finished bytes are not counted twice
        String c = uploads.start("freed/app");
        assertThat(uploads.patchStreaming(c, bytes(300 * KIB, 22)).statusCode()).isEqualTo(202);
        assertDenied(uploads.patchStreaming(uploads.start("freed/app"), bytes(30 * KIB, 23)));
    }

    @Test
    void reUploadOfABlobTheRegistryHolds_isNotRefusedWhenFull() {
        create("holds");
        byte[] content = bytes((int) QUOTA - 10, 30);
        data.pushBlob("holds/app", content);
        data.pushBlob("holds/app", content); // adds nothing to the usage, so nothing to refuse
    }
}
