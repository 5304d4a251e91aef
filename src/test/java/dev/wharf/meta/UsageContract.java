package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.QuotaRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registry usage on one engine: the live counters, kept in the link transactions, equal a from-scratch computation
 * after every step of a random mix of pushes, mounts, unlinks and repository deletes, and a recompute changes
 * nothing. Subclasses name the database.
 */
abstract class UsageContract {
    /** A plan with no limits. */
    private static final RegistryRecord.Plan UNLIMITED =
            new RegistryRecord.Plan("basic", null, RegistryRecord.Limits.NONE, true);

    protected abstract String newDatabaseUrl() throws Exception;

    protected String user() {
        return null;
    }

    private JdbcMetadataStore meta;
    private RegistryStore registries;

    @BeforeEach
    void open() throws Exception {
        meta = JdbcMetadataStore.open(newDatabaseUrl(), user(), null);
        registries = meta.registries();
    }

    @AfterEach
    void close() {
        meta.close();
    }

    private static Digest digest(int i) {
        return Digest.sha256(("blob " + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void randomMix_liveEqualsRecomputed() {
        List<RepositoryName> repos = List.of("alpha/a", "alpha/b/c", "alpha/d", "beta/x", "beta/y", "free/z", "solo")
                .stream().map(RepositoryName::parse).toList();
        // content under alpha before the registry exists is counted when it is created
        meta.linkBlob(repos.get(0), digest(0), 100);
        registries.create("alpha", "ops", "local", UNLIMITED).orElseThrow();
        registries.create("beta", "ops", "local", UNLIMITED).orElseThrow();
        assertThat(registries.usage("alpha").total()).isEqualTo(100);

        Random random = new Random(42);
        List<String> log = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            RepositoryName repo = repos.get(random.nextInt(repos.size()));
            int blob = random.nextInt(15);
            long size = 100L + blob * 37L;
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> meta.linkBlob(repo, digest(blob), size);                 // push
                case 4, 5 -> {                                                               // mount from another
                    RepositoryName from = repos.get(random.nextInt(repos.size()));
                    meta.linkedBlobSize(from, digest(blob)).ifPresent(s -> meta.linkBlob(repo, digest(blob), s));
                }
                case 6, 7, 8 -> meta.unlinkBlob(repo, digest(blob));                         // blob delete
                default -> meta.deleteRepository(repo);                                      // repository delete
            }
            log.add(step + ": " + repo + " " + blob);
            for (String r : List.of("alpha", "beta")) {
                assertThat(registries.usage(r)).as("after %s", log.getLast()).isEqualTo(registries.computeUsage(r));
            }
        }
        for (String r : List.of("alpha", "beta")) {
            RegistryStore.UsageReport live = registries.usage(r);
            assertThat(registries.recomputeUsage(r)).isEqualTo(live);
            assertThat(registries.find(r).orElseThrow().storageUsageBytes()).isEqualTo(live.total());
        }
    }

    @Test
    void blobLinkedTwiceInOneRegistry_countsOnce_untilBothLinksGo() {
        registries.create("gamma", "ops", "local", UNLIMITED).orElseThrow();
        RepositoryName one = RepositoryName.parse("gamma/one");
        RepositoryName two = RepositoryName.parse("gamma/two");
        meta.linkBlob(one, digest(1), 500);
        meta.linkBlob(two, digest(1), 500);
        assertThat(registries.usage("gamma")).isEqualTo(new RegistryStore.UsageReport(500,
                Map.of("gamma/one", 500L, "gamma/two", 500L)));
        meta.unlinkBlob(one, digest(1));
        assertThat(registries.usage("gamma").total()).isEqualTo(500);
        meta.unlinkBlob(two, digest(1));
        assertThat(registries.usage("gamma").total()).isZero();
    }

    @Test
    void storageCap_refusesTheLinkInItsTransaction() {
        registries.create("capped", "ops", "local", new RegistryRecord.Plan("starter", null,
                new RegistryRecord.Limits(1000L, 1L, null), true)).orElseThrow();
        RepositoryName repo = RepositoryName.parse("capped/app");
        meta.linkBlob(repo, digest(1), 800, QuotaRule.INSTANCE);
        assertThatThrownBy(() -> meta.linkBlob(repo, digest(2), 300, QuotaRule.INSTANCE))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DENIED);
                    assertThat(e.getMessage()).contains("1000", "800", "300", "starter");
                });
        assertThat(meta.linkedBlobSize(repo, digest(2))).isEmpty();
        assertThat(registries.usage("capped").total()).isEqualTo(800);
        assertThatThrownBy(() -> meta.linkBlob(RepositoryName.parse("capped/second"), digest(1), 800,
                QuotaRule.INSTANCE)).isInstanceOfSatisfying(OciException.class,
                        e -> assertThat(e.getMessage()).contains("repository limit"));
        assertThat(registries.repositoryCount("capped")).isEqualTo(1);
    }

    @Test
    void quotaRule_isAskedWithTheFiguresReadInTheTransaction_andMountsAndUploadsAskItToo() {
        registries.create("figures", "ops", "local", new RegistryRecord.Plan("pro", null,
                new RegistryRecord.Limits(5000L, 3L, null), true)).orElseThrow();
        List<String> asked = new ArrayList<>();
        LinkQuota recording = new LinkQuota() {
            @Override
            public void storage(Registry registry, long usageBefore, long adding) {
                asked.add("storage " + registry + " " + usageBefore + "+" + adding);
            }

            @Override
            public void repositories(Registry registry, java.util.function.LongSupplier withContent) {
                asked.add("repositories " + registry.name() + " " + withContent.getAsLong());
            }
        };
        RepositoryName a = RepositoryName.parse("figures/a");
        RepositoryName b = RepositoryName.parse("figures/b");
        meta.linkBlob(a, digest(1), 100, recording);
        meta.mountBlob(a, b, digest(1), recording);
        meta.createUpload(new UploadSession("u1", b, 0, java.time.Instant.EPOCH, java.time.Instant.EPOCH));
        meta.completeUpload("u1", b, digest(2), 50, recording);
        meta.linkBlob(RepositoryName.parse("solo"), digest(3), 10, recording);       // outside every registry
        LinkQuota.Registry figures = new LinkQuota.Registry("figures", "pro", 5000L, 3L);
        assertThat(asked).containsExactly(
                "storage " + figures + " 0+100", "repositories figures 1",
                "repositories figures 2",                                           // the mount adds no bytes
                "storage " + figures + " 100+50");
    }

    @Test
    void repositoryLimit_holdsWhenFirstLinksIntoNewRepositoriesRace() throws Exception {
        int threads = 8;
        for (int round = 0; round < 10; round++) {     // each round a fresh registry: limit 3, base + 8 racing
            String registry = "race" + round;
            registries.create(registry, "ops", "local", new RegistryRecord.Plan("starter", null,
                    new RegistryRecord.Limits(null, 3L, null), true)).orElseThrow();
            RepositoryName base = RepositoryName.parse(registry + "/base");
            for (int i = 0; i < threads; i++) {
                meta.linkBlob(base, digest(1000 * round + i), 10, QuotaRule.INSTANCE);
            }
            int first = 1000 * round;
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Boolean> linked = MetadataFixtures.concurrently(threads, () -> {
                int i = next.getAndIncrement(); // a blob of its own: no row shared but the registry's
                try {
                    return meta.mountBlob(base, RepositoryName.parse(registry + "/r" + i), digest(first + i),
                            QuotaRule.INSTANCE).isPresent();
                } catch (OciException e) {
                    assertThat(e.getMessage()).contains("repository limit");
                    return false;
                }
            });
            assertThat(registries.repositoryCount(registry)).as(registry).isEqualTo(3);
            assertThat(linked.stream().filter(b -> b).count()).as(registry).isEqualTo(2);
        }
    }

    @Test
    void repositoryLimit_isDecidedInTheManifestTransaction_forAManifestThatIsARepositorysFirstContent() {
        registries.create("idx", "ops", "local", new RegistryRecord.Plan("starter", null,
                new RegistryRecord.Limits(null, 1L, null), true)).orElseThrow();
        meta.linkBlob(RepositoryName.parse("idx/first"), digest(1), 10, QuotaRule.INSTANCE);
        RepositoryName second = RepositoryName.parse("idx/second");
        byte[] emptyIndex = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
        java.util.function.Function<RepositoryName, ManifestRecord> index = repo -> new ManifestRecord(repo,
                Digest.sha256(emptyIndex), "application/vnd.oci.image.index.v1+json", emptyIndex, null, null, null,
                Map.of(), List.of(), List.of(), null);
        assertThatThrownBy(() -> meta.putManifest(index.apply(second), "v1", TagMove.ANY, QuotaRule.INSTANCE,
                null))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DENIED);
                    assertThat(e.getMessage()).contains("repository limit");
                });
        assertThat(meta.repositoryExists(second)).isFalse();
        assertThat(registries.repositoryCount("idx")).isEqualTo(1);
        meta.putManifest(index.apply(RepositoryName.parse("idx/first")), "v1", TagMove.ANY,
                QuotaRule.INSTANCE, null);                                                // not a new repository: taken
    }

    @Test
    void egress_isCountedPerMonth() {
        registries.create("pulls", "ops", "local", UNLIMITED).orElseThrow();
        registries.addEgress("pulls", "2026-11", 10);
        registries.addEgress("pulls", "2026-11", 5);
        registries.addEgress("pulls", "2026-12", 7);
        registries.addEgress("nosuch", "2026-11", 7);
        assertThat(registries.egress("pulls", "2026-11")).isEqualTo(15);
        assertThat(registries.egress("pulls", "2026-12")).isEqualTo(7);
        assertThat(registries.egress("nosuch", "2026-11")).isZero();
    }
}
