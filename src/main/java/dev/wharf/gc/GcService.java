package dev.wharf.gc;

import dev.wharf.events.Event;
import dev.wharf.events.Origin;
import dev.wharf.meta.GcRunStore.Counters;
import dev.wharf.meta.GcRunStore.RunRow;
import dev.wharf.meta.GcRunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link GcControl} on the database: a run is requested by inserting it (the database refuses a second active run
 * of the same scope), and executed by whichever node claims it ({@link #runNext}). The executing node refreshes the
 * run's heartbeat between pages; a run whose heartbeat is older than the lease belonged to a node that died, and is
 * marked failed so the scope can run again, and the next run finishes the work. Cancelling marks the run; the
 * executing node sees it at its next page boundary and stops there.
 */
public final class GcService implements GcControl {
    private static final Logger log = LoggerFactory.getLogger(GcService.class);

    private final GcRunStore store;
    private final Collector collector;
    private final Clock clock;
    private final Duration lease;
    private final String owner;
    private volatile Runnable onRequest = () -> { };
    private volatile boolean stopping;

    GcService(GcRunStore store, Collector collector, Clock clock, Duration lease) {
        this.store = store;
        this.collector = collector;
        this.clock = clock;
        this.lease = lease;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    /** Called after each accepted request (the server wakes its worker). */
    void onRequest(Runnable r) {
        onRequest = r;
    }

    /** A run started by the operator at the command line. */
    @Override
    public Run start(String registry, Type type, boolean dryRun) {
        return start(registry, type, dryRun, Origin.commandLine());
    }

    @Override
    public Run start(String registry, Type type, boolean dryRun, Origin who) {
        return start(registry, type, dryRun, UUID.randomUUID().toString(), who);
    }

    /** Requests a run; its start event is recorded with the run's row, in one transaction. */
    Run start(String registry, Type type, boolean dryRun, String uuid, Origin who) {
        Objects.requireNonNull(type, "type");
        checkRegistry(registry);
        long now = clock.millis();
        store.failStaleRuns(now - lease.toMillis(), now);
        RunRow row = new RunRow(uuid, registry, type.wireName(), Status.REQUESTED.wireName(), dryRun, null, null,
                now, now, now, Counters.ZERO);
        Event started = new Event.GcStarted(Instant.ofEpochMilli(now), who, uuid, registry, type.wireName(), dryRun);
        if (!store.insertRun(row, started)) {
            String active = store.activeRun(registry).map(RunRow::uuid).orElse("(just finished)");
            throw new IllegalStateException("a garbage collection is already active for "
                    + (registry == null ? "the whole instance" : "registry " + registry) + ": " + active);
        }
        onRequest.run();
        return toRun(row);
    }

    /** A registry is the first component of repository names: one valid name component, without '/'. */
    static void checkRegistry(String registry) {
        if (registry == null) {
            return;
        }
        boolean valid = !registry.contains("/");
        if (valid) {
            try {
                dev.wharf.oci.RepositoryName.parse(registry);
            } catch (RuntimeException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("a registry is one name component without '/' (lowercase letters,"
                    + " digits and . _ -), got \"" + registry + "\"");
        }
    }

    @Override
    public Optional<Run> active(String registry) {
        return store.activeRun(registry).map(GcService::toRun);
    }

    @Override
    public Optional<Run> get(String uuid) {
        return store.run(uuid).map(GcService::toRun);
    }

    /** {@code registry} null lists the runs of every scope. */
    @Override
    public List<Run> list(String registry, int page, int perPage) {
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage start at 1");
        }
        return store.runs(registry, registry == null, (page - 1) * perPage, perPage).stream()
                .map(GcService::toRun).toList();
    }

    @Override
    public long count(String registry) {
        return store.countRuns(registry, registry == null);
    }

    /** {@code registry} null cancels the run whatever its scope. */
    @Override
    public Optional<Run> cancel(String registry, String uuid) {
        Optional<RunRow> run = store.run(uuid).filter(r -> registry == null || registry.equals(r.registry()));
        if (run.isEmpty()) {
            return Optional.empty();
        }
        store.cancelRun(uuid, clock.millis());
        return get(uuid);
    }

    /** The detail recorded for a run (why it failed), if any. */
    public Optional<String> detail(String uuid) {
        return store.run(uuid).map(RunRow::detail);
    }

    /** Fails runs of dead nodes, then claims and executes the oldest requested run; false when there was none. */
    public boolean runNext() {
        long now = clock.millis();
        int stale = store.failStaleRuns(now - lease.toMillis(), now);
        if (stale > 0) {
            log.warn("marked {} garbage collection run(s) failed: their node stopped heartbeating", stale);
        }
        Optional<RunRow> claimed = store.claimRequested(owner, now);
        claimed.ifPresent(this::execute);
        return claimed.isPresent();
    }

    private void execute(RunRow run) {
        Type type = Type.fromWire(run.type());
        String scope = run.registry() == null ? "whole instance" : "registry " + run.registry();
        log.info("garbage collection {} started: {}, {}{}", run.uuid(), scope, run.type(), run.dryRun() ? ", dry run" : "");
        RunProgress progress = new RunProgress(c -> !stopping && store.heartbeat(run.uuid(), owner, c, clock.millis()));
        String status = Status.SUCCEEDED.wireName();
        String detail = null;
        try {
            collector.collect(run.registry(), type, run.dryRun(), progress);
        } catch (RunProgress.Stopped stopped) {
            if (stopping) {
                Counters c = progress.counters();
                long now = clock.millis();
                store.finishRun(run.uuid(), owner, Status.FAILED.wireName(), c, "interrupted: the server stopped", now,
                        new Event.GcFinished(Instant.ofEpochMilli(now), Origin.SYSTEM, run.uuid(), run.registry(),
                                Status.FAILED.wireName(), c.blobsDeleted(), c.manifestsDeleted(), c.freedBytes()));
            } else {
                store.keepStoppedCounters(run.uuid(), owner, progress.counters());
            }
            log.info("garbage collection {} stopped (cancelled or taken over): {}", run.uuid(), progress.counters());
            return;
        } catch (RuntimeException | Error e) {
            log.error("garbage collection {} failed", run.uuid(), e);
            status = Status.FAILED.wireName();
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Counters c = progress.counters();
        long now = clock.millis();
        Event finished = new Event.GcFinished(Instant.ofEpochMilli(now), Origin.SYSTEM, run.uuid(), run.registry(),
                status, c.blobsDeleted(), c.manifestsDeleted(), c.freedBytes());
        if (!store.finishRun(run.uuid(), owner, status, c, detail, now, finished)) {
            store.keepStoppedCounters(run.uuid(), owner, c); // cancelled after its last checkpoint
        }
        log.info("garbage collection {} {}: {} blobs, {} manifests, {} tags removed, {} bytes freed{}", run.uuid(),
                status, c.blobsDeleted(), c.manifestsDeleted(), c.tagsDeleted(), c.freedBytes(),
                run.dryRun() ? " (dry run: nothing was removed)" : "");
    }

    /** Makes a run in progress stop at its next page boundary (the server is closing). */
    void stop() {
        stopping = true;
    }

    /** The tags the retention policies of {@code registry} (null: all) would remove now. */
    public void retentionPlan(String registry, Consumer<TagRemoval> sink) {
        checkRegistry(registry);
        collector.retentionPlan(registry, sink);
    }

    static Run toRun(RunRow r) {
        return new Run(r.uuid(), r.registry(), Type.fromWire(r.type()),
                Status.valueOf(r.status().toUpperCase(Locale.ROOT)), r.dryRun(), Instant.ofEpochMilli(r.createdAt()),
                Instant.ofEpochMilli(r.updatedAt()), r.counters().blobsDeleted(), r.counters().manifestsDeleted(),
                r.counters().freedBytes());
    }
}
