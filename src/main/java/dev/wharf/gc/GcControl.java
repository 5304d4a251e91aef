package dev.wharf.gc;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Starting, watching and cancelling garbage collection runs. The CLI, the management API and the web UI all
 * drive the collector through this one seam.
 */
public interface GcControl {

    /**
     * Requests a run for {@code registry} ({@code null}: the whole instance) and returns it in status
     * {@code requested} or {@code running}. Throws {@link IllegalStateException} when a run is already active there.
     */
    Run start(String registry, Type type, boolean dryRun);

    /** {@link #start(String, Type, boolean)} on behalf of {@code who}, recorded in the run's start event. */
    default Run start(String registry, Type type, boolean dryRun, dev.wharf.events.Origin who) {
        return start(registry, type, dryRun);
    }

    Optional<Run> active(String registry);

    Optional<Run> get(String uuid);

    /** Runs of {@code registry}, newest first, {@code page} counted from 1. */
    List<Run> list(String registry, int page, int perPage);

    long count(String registry);

    /** Cancels a requested or running run; empty when there is no such run. */
    Optional<Run> cancel(String registry, String uuid);

    enum Type {
        UNTAGGED_MANIFESTS_ONLY, UNREFERENCED_BLOBS_ONLY, UNREFERENCED_BLOBS_AND_MANIFESTS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type fromWire(String s) {
            for (Type t : values()) {
                if (t.wireName().equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    enum Status {
        REQUESTED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean active() {
            return this == REQUESTED || this == RUNNING;
        }
    }

    record Run(String uuid, String registry, Type type, Status status, boolean dryRun, Instant createdAt,
               Instant updatedAt, long blobsDeleted, long manifestsDeleted, long freedBytes) {
    }
}
