package dev.wharf.meta;

import dev.wharf.meta.GcRunStore.Counters;
import dev.wharf.meta.GcPolicyStore.PolicyRow;
import dev.wharf.meta.GcRunStore.RunRow;
import dev.wharf.meta.GcPolicyStore.ScheduleRow;
import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.meta.MetadataFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link GcStore} does on its database: one active run per scope, claims and leases between nodes,
 * policies, schedules and their windows here; the re-checked deletes of manifests, tags and blobs in {@link
 * GcSweepContract}. Lifted from the GC service and scheduler tests, which drove these rules on SQLite only. A
 * subclass per backend supplies a fresh, empty database for each test.
 */
abstract class GcStoreContract implements GcSweepContract {

    protected String url;
    private JdbcMetadataStore meta;
    private GcStore gc;
    /** Repositories the store reported as changed (what a read cache would drop). */
    private final List<RepositoryName> changed = new CopyOnWriteArrayList<>();

    /** JDBC URL of a new empty database. */
    protected abstract String newDatabaseUrl() throws Exception;

    protected String user() {
        return null;
    }

    @BeforeEach
    void openStores() throws Exception {
        url = newDatabaseUrl();
        meta = JdbcMetadataStore.open(url, user(), null);
        gc = JdbcGcStore.on(meta, changed::add);
    }

    @AfterEach
    void closeStores() {
        meta.close();
    }

    @Override
    public MetadataStore meta() {
        return meta;
    }

    @Override
    public GcStore gc() {
        return gc;
    }

    @Override
    public List<RepositoryName> changed() {
        return changed;
    }

    private static RunRow requested(String uuid, String registry, long createdAt) {
        return new RunRow(uuid, registry, "unreferenced_blobs_only", "requested", false, null, null, createdAt,
                createdAt, createdAt, Counters.ZERO);
    }

    private String status(String uuid) {
        return gc.run(uuid).orElseThrow().status();
    }

    // --- runs ------------------------------------------------------------------------------------------------

    @Test
    void insertRun_allowsOneActiveRunPerScope_theInstanceBeingAScopeOfItsOwn() {
        assertThat(gc.insertRun(requested("a", "reg", 1))).isTrue();
        assertThat(gc.insertRun(requested("b", "reg", 2))).isFalse();
        assertThat(gc.insertRun(requested("c", "other", 3))).isTrue();
        assertThat(gc.insertRun(requested("d", null, 4))).isTrue();
        assertThat(gc.insertRun(requested("e", null, 5))).isFalse();

        assertThat(gc.activeRun("reg").map(RunRow::uuid)).contains("a");
        assertThat(gc.activeRun(null).map(RunRow::uuid)).contains("d");
        assertThat(gc.activeRun("none")).isEmpty();
        assertThat(gc.run("b")).isEmpty();
        RunRow a = gc.run("a").orElseThrow();
        assertThat(a).isEqualTo(requested("a", "reg", 1));

        assertThat(gc.cancelRun("a", 10)).isTrue();
        assertThat(gc.cancelRun("a", 11)).as("no longer active").isFalse();
        assertThat(status("a")).isEqualTo("cancelled");
        assertThat(gc.activeRun("reg")).isEmpty();
        assertThat(gc.insertRun(requested("f", "reg", 12))).isTrue();
    }

    @Test
    void claimRequested_takesTheOldestRequestedRun_once() {
        gc.insertRun(requested("late", "reg", 300));
        gc.insertRun(requested("early", "other", 100));
        gc.insertRun(requested("middle", null, 200));
        gc.insertRun(requested("cancelled", "gone", 50));
        gc.cancelRun("cancelled", 60);

        RunRow first = gc.claimRequested("node-1", 1000).orElseThrow();
        assertThat(first.uuid()).isEqualTo("early");
        assertThat(first.status()).isEqualTo("running");
        assertThat(first.owner()).isEqualTo("node-1");
        assertThat(first.heartbeatAt()).isEqualTo(1000);
        assertThat(gc.claimRequested("node-2", 1001).map(RunRow::uuid)).contains("middle");
        assertThat(gc.claimRequested("node-2", 1002).map(RunRow::uuid)).contains("late");
        assertThat(gc.claimRequested("node-2", 1003)).isEmpty();
        assertThat(gc.activeRun("other").map(RunRow::status)).contains("running");
    }

    @Test
    void nodesClaimingTogether_claimEachRunExactlyOnce() throws Exception {
        int runs = 12;
        for (int i = 0; i < runs; i++) {
            gc.insertRun(requested("run-" + i, "reg-" + i, i));
        }
        AtomicInteger node = new AtomicInteger();
        List<List<String>> claimedPerNode = concurrently(4, () -> {
            String owner = "node-" + node.incrementAndGet();
            List<String> mine = new ArrayList<>();
            for (int attempt = 0; attempt < runs * 2; attempt++) {
                Optional<RunRow> claimed = gc.claimRequested(owner, 1000);
                claimed.ifPresent(r -> mine.add(r.uuid()));
            }
            return mine;
        });

        List<String> all = claimedPerNode.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(runs).doesNotHaveDuplicates();
        assertThat(gc.claimRequested("late node", 2000)).isEmpty();
    }

    @Test
    void heartbeatAndFinish_belongToTheOwnerOfARunningRun() {
        gc.insertRun(requested("r", "reg", 1));
        assertThat(gc.heartbeat("r", "node-1", Counters.ZERO, 5)).as("not running yet").isFalse();
        gc.claimRequested("node-1", 10);
        Counters progress = new Counters(1, 2, 3, 4);

        assertThat(gc.heartbeat("r", "node-2", progress, 20)).isFalse();
        assertThat(gc.heartbeat("r", "node-1", progress, 20)).isTrue();
        RunRow beating = gc.run("r").orElseThrow();
        assertThat(beating.counters()).isEqualTo(progress);
        assertThat(beating.heartbeatAt()).isEqualTo(20);

        Counters done = new Counters(5, 6, 7, 8);
        assertThat(gc.finishRun("r", "node-2", "succeeded", done, "no", 30)).isFalse();
        assertThat(gc.finishRun("r", "node-1", "succeeded", done, "all done", 30)).isTrue();
        RunRow finished = gc.run("r").orElseThrow();
        assertThat(finished.status()).isEqualTo("succeeded");
        assertThat(finished.detail()).isEqualTo("all done");
        assertThat(finished.counters()).isEqualTo(done);
        assertThat(gc.heartbeat("r", "node-1", progress, 40)).isFalse();
        assertThat(gc.finishRun("r", "node-1", "failed", done, "again", 40)).isFalse();
        assertThat(gc.activeRun("reg")).isEmpty();
    }

    @Test
    void cancellingARunningRun_endsItsOwnersHeartbeats() {
        gc.insertRun(requested("r", "reg", 1));
        gc.claimRequested("node-1", 10);

        assertThat(gc.cancelRun("r", 15)).isTrue();

        assertThat(gc.heartbeat("r", "node-1", Counters.ZERO, 20)).isFalse();
        assertThat(gc.finishRun("r", "node-1", "succeeded", Counters.ZERO, null, 20)).isFalse();
        assertThat(status("r")).isEqualTo("cancelled");
    }

    @Test
    void failStaleRuns_failsRunningRunsWithAnOldHeartbeat_only() {
        gc.insertRun(requested("dead", "a", 1));
        gc.insertRun(requested("alive", "b", 2));
        gc.claimRequested("dies", 1000);
        gc.claimRequested("lives", 1000);
        gc.insertRun(requested("waiting", "c", 3));
        gc.heartbeat("alive", "lives", Counters.ZERO, 5000);

        assertThat(gc.failStaleRuns(3000, 6000)).isEqualTo(1);

        RunRow dead = gc.run("dead").orElseThrow();
        assertThat(dead.status()).isEqualTo("failed");
        assertThat(dead.detail()).contains("interrupted");
        assertThat(status("alive")).isEqualTo("running");
        assertThat(status("waiting")).isEqualTo("requested");
        assertThat(gc.insertRun(requested("again", "a", 7))).as("the scope is free again").isTrue();
        assertThat(gc.failStaleRuns(3000, 7000)).isZero();
    }

    @Test
    void runs_areListedNewestFirst_perScopeOrAll_pagedAndCounted() {
        gc.insertRun(requested("r1", "reg", 100));
        gc.cancelRun("r1", 101);
        gc.insertRun(requested("r2", "reg", 200));
        gc.insertRun(requested("o1", "other", 150));
        gc.insertRun(requested("i1", null, 300));

        assertThat(gc.runs("reg", false, 0, 10)).extracting(RunRow::uuid).containsExactly("r2", "r1");
        assertThat(gc.runs("reg", false, 1, 10)).extracting(RunRow::uuid).containsExactly("r1");
        assertThat(gc.runs(null, false, 0, 10)).extracting(RunRow::uuid).containsExactly("i1");
        assertThat(gc.runs("ignored", true, 0, 10)).extracting(RunRow::uuid)
                .containsExactly("i1", "r2", "o1", "r1");
        assertThat(gc.runs("ignored", true, 1, 2)).extracting(RunRow::uuid).containsExactly("r2", "o1");
        assertThat(gc.countRuns("reg", false)).isEqualTo(2);
        assertThat(gc.countRuns(null, false)).isEqualTo(1);
        assertThat(gc.countRuns("none", false)).isZero();
        assertThat(gc.countRuns(null, true)).isEqualTo(4);
    }

    // --- policies and schedules ----------------------------------------------------------------------------

    @Test
    void policies_areReplacedByRegistryAndPattern_andKeepTheirNulls() {
        PolicyRow sparse = new PolicyRow("reg", "apps/*", null, null, null, null, "v*", 1);
        PolicyRow full = new PolicyRow("reg", "web/**", 10, "keep-*", 30, "release-*", null, 2);
        PolicyRow other = new PolicyRow("a-reg", "**", 1, null, null, null, null, 3);
        gc.putPolicy(sparse);
        gc.putPolicy(full);
        gc.putPolicy(other);
        assertThat(gc.policies()).containsExactly(other, sparse, full);

        PolicyRow changedFull = new PolicyRow("reg", "web/**", null, null, 7, null, "x", 4);
        gc.putPolicy(changedFull);
        assertThat(gc.policies()).containsExactly(other, sparse, changedFull);

        assertThat(gc.deletePolicy("reg", "apps/*")).isTrue();
        assertThat(gc.deletePolicy("reg", "apps/*")).isFalse();
        assertThat(gc.policies()).containsExactly(other, changedFull);
    }

    @Test
    void claimWindow_oncePerWindow_andReplacingTheScheduleKeepsTheWindow() {
        gc.putSchedule(new ScheduleRow("reg", true, "0 3 * * *", "UTC", "unreferenced_blobs_only", null, null, 1));
        assertThat(gc.claimWindow("none", 100, "x", 2)).as("no schedule").isFalse();

        assertThat(gc.claimWindow("reg", 100, "run-1", 2)).isTrue();
        assertThat(gc.claimWindow("reg", 100, "run-2", 3)).isFalse();
        assertThat(gc.claimWindow("reg", 50, "run-3", 4)).as("an earlier window").isFalse();
        assertThat(gc.claimWindow("reg", 200, "run-4", 5)).isTrue();

        gc.putSchedule(new ScheduleRow("reg", false, "*/5 * * * *", "Europe/Berlin", "untagged_manifests_only",
                null, null, 6));
        ScheduleRow s = gc.schedules().getFirst();
        assertThat(s).isEqualTo(new ScheduleRow("reg", false, "*/5 * * * *", "Europe/Berlin",
                "untagged_manifests_only", 200L, "run-4", 6));

        try (JdbcMetadataStore reopened = JdbcMetadataStore.open(url, user(), null)) {
            assertThat(JdbcGcStore.on(reopened, r -> { }).schedules()).containsExactly(s);
        }
        assertThat(gc.deleteSchedule("reg")).isTrue();
        assertThat(gc.deleteSchedule("reg")).isFalse();
        assertThat(gc.schedules()).isEmpty();
    }

    @Test
    void nodesClaimingOneWindowTogether_oneWins() throws Exception {
        gc.putSchedule(new ScheduleRow("", true, "*/15 * * * *", "UTC", "unreferenced_blobs_only", null, null, 1));
        AtomicInteger node = new AtomicInteger();

        List<Boolean> won = concurrently(4, () -> gc.claimWindow("", 900, "run-" + node.incrementAndGet(), 2));

        assertThat(won).containsOnlyOnce(true);
        Set<String> lastRun = new HashSet<>();
        gc.schedules().forEach(s -> lastRun.add(s.lastRun()));
        assertThat(lastRun).hasSize(1).allMatch(r -> r.startsWith("run-"));
    }
}
