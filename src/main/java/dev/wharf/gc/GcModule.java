package dev.wharf.gc;

import dev.wharf.config.WharfConfig;
import dev.wharf.meta.GcStore;
import dev.wharf.content.TagGuard;
import dev.wharf.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Garbage collection assembled from the configuration: the store, collector, service, rules and scheduler. In a
 * server ({@link #start}) one background thread ticks the schedules every {@code gc.interval} and executes
 * requested runs (at once when requested on this node, else at the next tick), after the one-time
 * {@link LostBytesRepair}; {@link #offline} builds the same parts for the CLI without a thread. It is handed its
 * store, not the metadata database: a read cache in front of the database learns of GC's deletes through the
 * store's change listener, which the composition root wires.
 */
public final class GcModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GcModule.class);

    private final GcService service;
    private final GcRules rules;
    private final Scheduler scheduler;
    private final ScheduledExecutorService worker;

    private GcModule(WharfConfig.Gc config, GcStore store, BlobStore blobs, Predicate<String> registryAllowsGc,
                     Clock clock, boolean background) {
        Collector collector = new Collector(store, store, blobs, clock, config.gracePeriod(),
                config.deleteOrphanReferrers());
        service = new GcService(store, collector, clock, config.lease());
        rules = new GcRules(store, clock);
        scheduler = new Scheduler(store, rules, service, clock, registryAllowsGc);
        if (!background) {
            worker = null;
            return;
        }
        new LostBytesRepair(store, store, blobs, clock).run(); // before anything is served

        worker = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("wharf-gc").unstarted(r));
        service.onRequest(this::wake);
        long every = Math.max(1, config.interval().toMillis());
        worker.scheduleWithFixedDelay(this::work, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * For a server: runs requested runs and schedules in the background until {@link #close}.
     * {@code registryAllowsGc}: a registry's own {@code garbage_collection_enabled}; false keeps scheduled runs off.
     */
    public static GcModule start(WharfConfig.Gc config, GcStore store, BlobStore blobs,
                                 Predicate<String> registryAllowsGc, Clock clock) {
        return new GcModule(config, store, blobs, registryAllowsGc, clock, true);
    }

    /** For the CLI: the same parts, no background thread; runs execute only through {@link GcService#runNext}. */
    public static GcModule offline(WharfConfig.Gc config, GcStore store, BlobStore blobs) {
        return new GcModule(config, store, blobs, registry -> true, Clock.systemUTC(), false);
    }

    public GcService control() {
        return service;
    }

    public GcRules rules() {
        return rules;
    }

    /** Tag immutability for {@link dev.wharf.content.ManifestService}. */
    public TagGuard tagGuard() {
        return rules;
    }

    private void wake() {
        try {
            worker.execute(this::work);
        } catch (RejectedExecutionException closing) {
            // the server is stopping; the run stays requested for the next start
        }
    }

    private void work() {
        try {
            scheduler.tick();
            while (!worker.isShutdown() && service.runNext()) {
                // one run after another until none is requested
            }
        } catch (RuntimeException e) {
            log.warn("garbage collection scheduling failed; will retry", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (worker != null) {
            service.stop();
            worker.shutdown();
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        }
    }
}
