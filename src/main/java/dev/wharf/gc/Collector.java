package dev.wharf.gc;

import dev.wharf.gc.GcControl.Type;
import dev.wharf.meta.GcPolicyStore;
import dev.wharf.meta.GcSweepStore;
import dev.wharf.storage.BlobStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One garbage collection run, in this order: retention policies (types that remove manifests), untagged
 * manifests ({@link ManifestSweep}), unreferenced blobs ({@link BlobSweep}), and for the whole instance stored
 * blobs the metadata does not know ({@link OrphanFiles}). Each step streams pages; each deletion is its own
 * short transaction, so pushes, pulls and deletes carry on meanwhile.
 */
final class Collector {
    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    private final GcSweepStore store;
    private final GcPolicyStore policies;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration gracePeriod;
    private final boolean deleteOrphanReferrers;

    Collector(GcSweepStore store, GcPolicyStore policies, BlobStore blobs, Clock clock, Duration gracePeriod,
              boolean deleteOrphanReferrers) {
        this.store = store;
        this.policies = policies;
        this.blobs = blobs;
        this.clock = clock;
        this.gracePeriod = gracePeriod;
        this.deleteOrphanReferrers = deleteOrphanReferrers;
    }

    void collect(String registry, Type type, boolean dryRun, RunProgress progress) {
        Instant now = clock.instant();
        Scope scope = new Scope(registry, now.minus(gracePeriod), deleteOrphanReferrers, dryRun);
        Set<Long> goneManifests = new HashSet<>();
        try {
            if (type != Type.UNREFERENCED_BLOBS_ONLY) {
                timed("retention", progress,
                        () -> new RetentionSweep(store, policies, scope, progress, now, r -> { }).run());
                timed("manifests", progress, () -> new ManifestSweep(store, scope, progress, goneManifests).run());
            }
            if (type != Type.UNTAGGED_MANIFESTS_ONLY) {
                BlobSweep sweep = new BlobSweep(store, blobs, scope, progress, goneManifests);
                timed("blobs", progress, sweep::run);
                if (registry == null) {
                    timed("orphan files", progress, () -> new OrphanFiles(store, blobs, scope, progress, sweep).run());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void timed(String name, RunProgress progress, Step step) throws IOException {
        long start = System.nanoTime();
        step.run();
        log.debug("{} step took {} ms, totals so far {}", name, (System.nanoTime() - start) / 1_000_000,
                progress.counters());
    }

    /** The tags the policies would remove now, without removing anything. */
    void retentionPlan(String registry, Consumer<TagRemoval> sink) {
        Instant now = clock.instant();
        Scope scope = new Scope(registry, now.minus(gracePeriod), deleteOrphanReferrers, true);
        new RetentionSweep(store, policies, scope, new RunProgress(c -> true), now, sink).run();
    }
}
