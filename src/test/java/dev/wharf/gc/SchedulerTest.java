package dev.wharf.gc;

import dev.wharf.gc.GcControl.Status;
import dev.wharf.gc.GcControl.Type;
import dev.wharf.meta.GcStore;
import dev.wharf.meta.JdbcGcStore;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.meta.RegistryRecord;
import dev.wharf.storage.fs.FilesystemBlobStore;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Maintenance windows with an injected clock: at most one run per window, catch-up after downtime, restarts. */
class SchedulerTest {

    /** One node: its own store objects on the shared database file, with the shared clock. */
    private record Node(GcService service, GcRules rules, Scheduler scheduler) {
        static Node on(JdbcMetadataStore meta, Path dir, MutableClock clock) throws Exception {
            GcStore store = JdbcGcStore.on(meta, r -> { });
            GcService service = new GcService(store, new Collector(store, store, new FilesystemBlobStore(dir), clock,
                    Duration.ZERO, true), clock, Duration.ofMinutes(2));
            GcRules rules = new GcRules(store, clock);
            return new Node(service, rules, new Scheduler(store, rules, service, clock,
                    registry -> meta.registries().find(registry).map(RegistryRecord::gcEnabled).orElse(true)));
        }

        /** Ticks, then executes what was requested; returns how many runs the tick requested. */
        int tickAndRun() {
            int started = scheduler.tick();
            while (service.runNext()) {
                // execute
            }
            return started;
        }
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void runsOncePerWindow_startingAtTheNextWindow(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(t("2026-01-01T10:00:00Z"));
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            Node node = Node.on(meta, dir, clock);
            node.rules().putSchedule("reg", true, Cron.parse("0 3 * * *"), ZoneId.of("UTC"), Type.UNREFERENCED_BLOBS_ONLY);

            assertThat(node.tickAndRun()).as("the window under way when the schedule was made").isZero();
            clock.set(t("2026-01-02T02:59:00Z"));
            assertThat(node.tickAndRun()).isZero();
            clock.set(t("2026-01-02T03:00:00Z"));
            assertThat(node.tickAndRun()).isEqualTo(1);
            clock.set(t("2026-01-02T03:30:00Z"));
            assertThat(node.tickAndRun()).as("same window again").isZero();
            clock.set(t("2026-01-03T03:01:00Z"));
            assertThat(node.tickAndRun()).isEqualTo(1);

            List<GcControl.Run> runs = node.service().list("reg", 1, 10);
            assertThat(runs).hasSize(2).allMatch(r -> r.status() == Status.SUCCEEDED && !r.dryRun()
                    && r.type() == Type.UNREFERENCED_BLOBS_ONLY);
            GcRules.Schedule s = node.rules().schedules().getFirst();
            assertThat(Instant.ofEpochMilli(s.lastWindow())).isEqualTo(t("2026-01-03T03:00:00Z"));
            assertThat(s.lastRun()).isEqualTo(runs.getFirst().uuid());
        }
    }

    @Test
    void registryWithGarbageCollectionDisabled_keepsItsWindowButRunsNothingUntilEnabled(@TempDir Path dir)
            throws Exception {
        MutableClock clock = new MutableClock(t("2026-01-01T10:00:00Z"));
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            Node node = Node.on(meta, dir, clock);
            meta.registries().create("reg", "ops", "local",
                    new RegistryRecord.Plan("basic", null, RegistryRecord.Limits.NONE, false)).orElseThrow();
            node.rules().putSchedule("reg", true, Cron.parse("0 3 * * *"), ZoneId.of("UTC"), Type.UNREFERENCED_BLOBS_ONLY);
            node.rules().putSchedule("other", true, Cron.parse("0 3 * * *"), ZoneId.of("UTC"), Type.UNREFERENCED_BLOBS_ONLY);

            clock.set(t("2026-01-02T03:00:00Z"));
            assertThat(node.tickAndRun()).as("only the registry that allows it").isEqualTo(1);
            assertThat(node.service().list("reg", 1, 10)).isEmpty();

            meta.registries().updatePlan("reg", new RegistryRecord.Plan("basic", null, RegistryRecord.Limits.NONE, true))
                    .orElseThrow();
            clock.set(t("2026-01-03T03:00:00Z"));
            assertThat(node.tickAndRun()).isEqualTo(2);
            assertThat(node.service().list("reg", 1, 10)).hasSize(1);
        }
    }

    @Test
    void windowsMissedWhileDown_runOnceAtTheNextStart_andStateSurvivesRestarts(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(t("2026-01-01T10:00:00Z"));
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            Node first = Node.on(meta, dir, clock);
            first.rules().putSchedule("reg", true, Cron.parse("0 3 * * *"), ZoneId.of("UTC"), Type.UNREFERENCED_BLOBS_ONLY);
            clock.set(t("2026-01-02T04:00:00Z"));
            assertThat(first.tickAndRun()).isEqualTo(1);
        }
        // down from Jan 2 04:00 to Jan 5 12:00: three windows missed, one run on start
        clock.set(t("2026-01-05T12:00:00Z"));
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            Node restarted = Node.on(meta, dir, clock);
            assertThat(restarted.tickAndRun()).isEqualTo(1);
            assertThat(restarted.tickAndRun()).isZero();
            assertThat(restarted.service().count("reg")).isEqualTo(2);
        }
    }

    @Test
    void twoNodesTickingTogether_startOneRun(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(t("2026-01-01T10:00:00Z"));
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            Node a = Node.on(meta, dir, clock);
            Node b = Node.on(meta, dir, clock);
            a.rules().putSchedule("", true, Cron.parse("*/15 * * * *"), ZoneId.of("UTC"), Type.UNREFERENCED_BLOBS_ONLY);
            clock.set(t("2026-01-01T10:15:00Z"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> started = pool.invokeAll(List.<Callable<Integer>>of(
                        () -> a.scheduler().tick(), () -> b.scheduler().tick()));
                assertThat(started.get(0).get() + started.get(1).get()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(a.service().active(null)).isPresent();
            assertThat(a.service().count(null)).isEqualTo(1);
        }
    }

    @Test
    void disabledSchedule_andTimeZones(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(t("2026-01-01T10:00:00Z"));
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("w.db"), null, null)) {
            Node node = Node.on(meta, dir, clock);
            node.rules().putSchedule("off", false, Cron.parse("* * * * *"), ZoneId.of("UTC"), Type.UNREFERENCED_BLOBS_ONLY);
            node.rules().putSchedule("berlin", true, Cron.parse("0 3 * * *"), ZoneId.of("Europe/Berlin"),
                    Type.UNTAGGED_MANIFESTS_ONLY);
            clock.set(t("2026-01-02T01:59:00Z"));
            assertThat(node.tickAndRun()).isZero();
            clock.set(t("2026-01-02T02:00:00Z")); // 03:00 in Berlin (CET, UTC+1)
            assertThat(node.tickAndRun()).isEqualTo(1);
            assertThat(node.service().count("off")).isZero();
            assertThat(node.service().list("berlin", 1, 1).getFirst().type()).isEqualTo(Type.UNTAGGED_MANIFESTS_ONLY);
        }
    }
}
