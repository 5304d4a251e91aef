package dev.wharf.clients;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.wharf.config.RegistriesConfig.Tier;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Storage quotas met by real clients: skopeo and Jib pushing over a registry's quota fail cleanly, leave no
 * manifest and no counted bytes behind (the live usage equals a from-scratch computation), and succeed once room is
 * made by a delete or a bigger tier.
 */
@Tag("slow")
class QuotaClientsTest {
    static final long QUOTA = 400_000;
    static final List<Tier> TIERS = List.of(
            new Tier("small", "Small", 5, QUOTA, false, 1L << 30, true, 0, 0, 10),
            new Tier("large", "Large", 0, 50_000_000, false, 1L << 30, true, 0, 0, 10));

    static TestRegistry registry;
    static RegistryClient client;
    static ApiClient api;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        TenancySeams seams = new TenancySeams().token("t", "ops");
        registry = TestRegistry.start(c -> c.withRegistries(c.registries().withTiers(TIERS)), seams.seams(false));
        client = registry.client();
        api = new ApiClient(registry.apiUri(), "t");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    static void create(String name) {
        var r = api.post("/v2/registries", "{\"name\":\"" + name + "\",\"subscription_tier_slug\":\"small\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    static long usage(String name) {
        return api.get("/v2/registries/" + name).json().get("registry").get("storage_usage_bytes").asLong();
    }

    /**
     * The live counter, checked against a computation from the blob links alone. A client that gave up may still
     * have uploads in flight, so a difference must vanish once they end (bounded wait); one that stays is a defect.
     */
    static long exactUsage(String name) throws InterruptedException {
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + registry.root().resolve("wharf.db"),
                null, null)) {
            long live = usage(name);
            long computed = meta.registries().computeUsage(name).total();
            for (int i = 0; i < 50 && computed != live; i++) {
                Thread.sleep(100);
                live = usage(name);
                computed = meta.registries().computeUsage(name).total();
            }
            assertThat(computed).as("recomputed usage of " + name).isEqualTo(live);
            return live;
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Cli.Result skopeo(String... args) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "--tmpdir", tmp.toString()));
        cmd.addAll(List.of(args));
        return Cli.run(cmd, Map.of("REGISTRY_AUTH_FILE", tmp.resolve("auth.json").toString()), Cli.DEFAULT_TIMEOUT);
    }

    @Test
    void skopeo_pushOverQuotaFailsCleanly_thenFitsAfterADelete() throws Exception {
        Cli.assumeInstalled("skopeo");
        Files.writeString(tmp.resolve("auth.json"), "{\"auths\":{}}");
        create("sk");
        OciLayout layout = OciLayout.create(tmp.resolve("sk-layout"));
        OciLayout.Image small = layout.writeImage("linux", "amd64", Map.of("data", random(150_000, 1)), Map.of());
        layout.tag("small", small.manifest());
        OciLayout.Image big = layout.writeImage("linux", "amd64", Map.of("data", random(300_000, 2)), Map.of());
        layout.tag("big", big.manifest());
        String host = registry.hostPort();

        Cli.Result ok = skopeo("copy", "--dest-tls-verify=false", "oci:" + layout.dir() + ":small",
                "docker://" + host + "/sk/small:1");
        assertThat(ok.exitCode()).as(ok.describe()).isZero();
        long smallBytes = small.config().size() + small.layers().get(0).size();
        assertThat(exactUsage("sk")).isEqualTo(smallBytes);

        Cli.Result refused = skopeo("copy", "--retry-times=0", "--dest-tls-verify=false",
                "oci:" + layout.dir() + ":big", "docker://" + host + "/sk/big:1");
        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stderr()).contains("denied").containsIgnoringCase("quota");
        assertThat(client.get("/v2/sk/big/manifests/1").statusCode()).isEqualTo(404);
        assertThat(exactUsage("sk")).isEqualTo(smallBytes);

        assertThat(api.delete("/v2/registries/sk/repositories/small").status()).isEqualTo(204);
        assertThat(exactUsage("sk")).isZero();
        Cli.Result fits = skopeo("copy", "--dest-tls-verify=false", "oci:" + layout.dir() + ":big",
                "docker://" + host + "/sk/big:1");
        assertThat(fits.exitCode()).as(fits.describe()).isZero();
        assertThat(exactUsage("sk")).isEqualTo(big.config().size() + big.layers().get(0).size());
    }

    @Test
    void jib_pushOverQuotaFailsCleanly_thenFitsOnALargerTier() throws Exception {
        create("jb");
        Path app = tmp.resolve("jib-app");
        Files.createDirectories(app);
        Path data = app.resolve("data.bin");
        Files.write(data, random(600_000, 3));
        String ref = registry.hostPort() + "/jb/app:1";
        Containerizer to = Containerizer.to(RegistryImage.named(ref)).setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(tmp.resolve("jib-base")).setApplicationLayersCache(tmp.resolve("jib-app"))
                .setToolName("wharf-tests");

        Throwable failure = catchThrowable(() -> Jib.fromScratch().addLayer(List.of(data), AbsoluteUnixPath.get("/app"))
                .containerize(to));
        assertThat(failure).isNotNull();
        assertThat(stackText(failure)).containsIgnoringCase("quota");
        assertThat(client.get("/v2/jb/app/manifests/1").statusCode()).isEqualTo(404);
        assertThat(exactUsage("jb")).isLessThan(QUOTA);

        var upgraded = api.post("/v2/registries/subscription", "{\"tier_slug\":\"large\"}");
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        var pushed = Jib.fromScratch().addLayer(List.of(data), AbsoluteUnixPath.get("/app")).containerize(to);
        assertThat(pushed.isImagePushed()).isTrue();
        assertThat(client.get("/v2/jb/app/manifests/1").statusCode()).isEqualTo(200);
        assertThat(exactUsage("jb")).isGreaterThan(QUOTA);
    }

    private static String stackText(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n');
        }
        return b.toString();
    }
}
