package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl.Run;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.oci.RepositoryName;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.collect;
import static dev.wharf.gc.GcFixtures.image;
import static dev.wharf.gc.GcFixtures.manifestStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention rules on exact tag sets, their dry-run plan, and tag immutability over HTTP. */
class RetentionTest {
    private static final AtomicInteger REGISTRIES = new AtomicInteger();
    private static TestRegistry registry;
    private static RegistryClient c;
    private static GcControl gc;
    private static GcRules rules;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(cfg -> cfg.withGc(new WharfConfig.Gc(Duration.ZERO, Duration.ofMinutes(2),
                Duration.ofSeconds(30), true)));
        c = registry.client();
        gc = registry.server().gc();
        rules = registry.server().gcRules();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    /** Pushes one distinct image per tag, oldest first, and returns them in that order. */
    private static Map<String, Image> pushTags(String repo, String... tags) throws InterruptedException {
        Map<String, Image> out = new java.util.LinkedHashMap<>();
        for (String tag : tags) {
            out.put(tag, image(c, repo, tag, repo + ":" + tag, bytes("layer of " + repo + ":" + tag)));
            Thread.sleep(3); // distinct push times
        }
        return out;
    }

    private static List<String> tags(String repo) {
        String body = RegistryClient.text(c.get("/v2/" + repo + "/tags/list"));
        List<String> out = new ArrayList<>();
        RegistryClient.json(c.get("/v2/" + repo + "/tags/list")).path("tags").forEach(n -> out.add(n.asText()));
        assertThat(body).isNotEmpty();
        return out;
    }

    private static String newRegistry() {
        return "ret" + REGISTRIES.incrementAndGet();
    }

    private static RetentionPolicy policy(String registry, String repos, Integer keepLast, String keep,
                                          Integer olderThanDays, String protect, String immutable) {
        return new RetentionPolicy(registry, Glob.of(repos), keepLast, Glob.of(keep), olderThanDays,
                Glob.of(protect), Glob.of(immutable));
    }

    @Test
    void keepLast_keepsTheNewestPushes_protectedAndKeptPatternsStay_andUntaggedManifestsGoInTheSameRun()
            throws Exception {
        String reg = newRegistry();
        Map<String, Image> pushed = pushTags(reg + "/app", "t1", "release-1", "t2", "stable", "t3", "t4", "t5");
        rules.putPolicy(policy(reg, "**", 3, "release-*", null, "stable", null));

        List<String> plan = new ArrayList<>();
        ((GcService) gc).retentionPlan(reg, r -> plan.add(r.tag()));
        assertThat(plan).containsExactly("t2", "t1");
        assertThat(tags(reg + "/app")).hasSize(7);

        Run run = collect(gc, reg, Type.UNTAGGED_MANIFESTS_ONLY, false);

        assertThat(tags(reg + "/app")).containsExactlyInAnyOrder("release-1", "stable", "t3", "t4", "t5");
        assertThat(run.manifestsDeleted()).isEqualTo(2);
        assertThat(manifestStatus(c, reg + "/app", pushed.get("t1").digest())).isEqualTo(404);
        assertThat(manifestStatus(c, reg + "/app", pushed.get("t2").digest())).isEqualTo(404);
        assertThat(manifestStatus(c, reg + "/app", pushed.get("t3").digest())).isEqualTo(200);
    }

    @Test
    void olderThanDays_removesOnlyTagsPushedBeforeTheLimit() throws Exception {
        String reg = newRegistry();
        pushTags(reg + "/app", "a", "b");
        rules.putPolicy(policy(reg, "**", null, null, 1, null, null));
        collect(gc, reg, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);
        assertThat(tags(reg + "/app")).containsExactly("a", "b");

        rules.putPolicy(policy(reg, "**", null, null, 0, null, null));
        collect(gc, reg, Type.UNREFERENCED_BLOBS_AND_MANIFESTS, false);
        assertThat(c.get("/v2/" + reg + "/app/tags/list").statusCode()).isEqualTo(404); // nothing left at all
    }

    @Test
    void mostSpecificPatternApplies_andOtherRepositoriesAreUntouched() throws Exception {
        String reg = newRegistry();
        pushTags(reg + "/team/app", "x1", "x2", "x3");
        pushTags(reg + "/team/db", "y1", "y2", "y3");
        pushTags(reg + "/other", "z1", "z2");
        rules.putPolicy(policy(reg, "team/*", 2, null, null, null, null));
        rules.putPolicy(policy(reg, "team/db", 1, null, null, null, null));

        Run run = collect(gc, reg, Type.UNTAGGED_MANIFESTS_ONLY, false);

        assertThat(run.status()).isEqualTo(GcControl.Status.SUCCEEDED);
        assertThat(tags(reg + "/team/app")).containsExactly("x2", "x3");
        assertThat(tags(reg + "/team/db")).containsExactly("y3");
        assertThat(tags(reg + "/other")).containsExactly("z1", "z2");
    }

    @Test
    void dryRun_andBlobOnlyRuns_neverRemoveTags() throws Exception {
        String reg = newRegistry();
        pushTags(reg + "/app", "a", "b", "c");
        rules.putPolicy(policy(reg, "**", 1, null, null, null, null));

        collect(gc, reg, Type.UNTAGGED_MANIFESTS_ONLY, true);
        collect(gc, reg, Type.UNREFERENCED_BLOBS_ONLY, false);

        assertThat(tags(reg + "/app")).containsExactly("a", "b", "c");
    }

    @Test
    void immutableTag_cannotBeMovedOrDeleted_butMayBePushedAgainUnchanged() throws Exception {
        String reg = newRegistry();
        rules.putPolicy(policy(reg, "**", 0, null, null, null, "v*"));
        Image v1 = image(c, reg + "/app", "v1", "first", bytes("v1 layer"));
        Image other = image(c, reg + "/app", "latest", "second", bytes("latest layer"));

        var again = c.putManifest(reg + "/app", "v1", Manifests.OCI_MANIFEST, v1.payload());
        assertThat(again.statusCode()).isEqualTo(201);
        var moved = c.putManifest(reg + "/app", "v1", Manifests.OCI_MANIFEST, other.payload());
        assertThat(moved.statusCode()).isEqualTo(403);
        assertThat(RegistryClient.errorCode(moved)).isEqualTo("DENIED");
        assertThat(RegistryClient.text(moved)).contains("tag v1 of " + reg + "/app is immutable")
                .contains(v1.digest().toString());
        var deleted = c.delete("/v2/" + reg + "/app/manifests/v1");
        assertThat(deleted.statusCode()).isEqualTo(403);
        assertThat(RegistryClient.errorCode(deleted)).isEqualTo("DENIED");
        image(c, reg + "/app", "latest", "third", bytes("moves freely"));

        collect(gc, reg, Type.UNTAGGED_MANIFESTS_ONLY, false); // keep-last 0 removes every tag but immutable ones
        assertThat(tags(reg + "/app")).containsExactly("v1");
        assertThat(c.get("/v2/" + reg + "/app/manifests/v1").body()).isEqualTo(v1.payload());
    }

    @Test
    void removes_followsEachRule() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        Instant tenDaysAgo = now.minus(Duration.ofDays(10));
        RetentionPolicy both = policy("r", "**", 2, "keep-*", 7, "prod", null);
        assertThat(both.removes("t", 0, tenDaysAgo, now)).isFalse(); // among the 2 newest
        assertThat(both.removes("t", 2, tenDaysAgo, now)).isTrue();
        assertThat(both.removes("t", 2, now.minus(Duration.ofDays(3)), now)).isFalse(); // too young
        assertThat(both.removes("keep-me", 5, tenDaysAgo, now)).isFalse();
        assertThat(both.removes("prod", 5, tenDaysAgo, now)).isFalse();
        assertThat(policy("r", "**", null, null, null, null, null).removes("t", 99, tenDaysAgo, now)).isFalse();
        assertThat(policy("r", "**", null, null, null, null, "v*").removes("v1", 99, tenDaysAgo, now)).isFalse();
        assertThat(policy("r", "team/*", 1, null, null, null, null).appliesTo(RepositoryName.parse("r/team/a")))
                .isTrue();
        assertThat(policy("r", "team/*", 1, null, null, null, null).appliesTo(RepositoryName.parse("r/team/a/b")))
                .isFalse();
        assertThat(policy("r", "team/**", 1, null, null, null, null).appliesTo(RepositoryName.parse("r/team/a/b")))
                .isTrue();
        assertThat(policy("r", "**", 1, null, null, null, null).appliesTo(RepositoryName.parse("rr/a"))).isFalse();
    }

    @Test
    void badPolicies_areRefused() {
        assertThatThrownBy(() -> policy("a/b", "**", 1, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registry");
        assertThatThrownBy(() -> policy("r", "**", -1, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep-last");
        assertThatThrownBy(() -> policy("r", "**", null, null, -2, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older-than");
        assertThatThrownBy(() -> Glob.of("a,,b")).isInstanceOf(IllegalArgumentException.class);
    }
}
