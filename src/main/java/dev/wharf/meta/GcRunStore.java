package dev.wharf.meta;

import dev.wharf.events.Event;

import java.util.List;
import java.util.Optional;

/**
 * Garbage collection runs: requested, claimed by one node, kept alive by heartbeats, finished or cancelled.
 * Timestamps are epoch milliseconds.
 */
public interface GcRunStore {

    /** A garbage collection run as stored. {@code registry} null: the whole instance. */
    record RunRow(String uuid, String registry, String type, String status, boolean dryRun, String owner,
                  String detail, long createdAt, long updatedAt, long heartbeatAt, Counters counters) {
    }

    /** What a run removed (or, dry, would remove) so far. */
    record Counters(long blobsDeleted, long manifestsDeleted, long tagsDeleted, long freedBytes) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0);
    }

    /** Inserts a {@code requested} run; false when the scope already has an active one (enforced by an index). */
    default boolean insertRun(RunRow run) {
        return insertRun(run, null);
    }

    /** {@link #insertRun(RunRow)}, recording {@code started} in the same transaction when it inserts. */
    boolean insertRun(RunRow run, Event started);

    Optional<RunRow> run(String uuid);

    /** The requested or running run of {@code registry} (null: the instance-wide one). */
    Optional<RunRow> activeRun(String registry);

    /** Runs newest first; {@code allScopes} ignores {@code registry} and lists every run. */
    List<RunRow> runs(String registry, boolean allScopes, int offset, int limit);

    long countRuns(String registry, boolean allScopes);

    /** Marks a requested or running run cancelled; false when it was not active. */
    boolean cancelRun(String uuid, long now);

    /** Atomically moves the oldest requested run to {@code running} for {@code owner}. */
    Optional<RunRow> claimRequested(String owner, long now);

    /** Records progress; false when the run is no longer running for {@code owner} (cancelled or taken over). */
    boolean heartbeat(String uuid, String owner, Counters counters, long now);

    /** Ends a running run of {@code owner} with {@code status}; false when it was no longer running for it. */
    default boolean finishRun(String uuid, String owner, String status, Counters counters, String detail, long now) {
        return finishRun(uuid, owner, status, counters, detail, now, null);
    }

    /** {@link #finishRun}, recording {@code finished} in the same transaction when it ends the run. */
    boolean finishRun(String uuid, String owner, String status, Counters counters, String detail, long now,
                      Event finished);

    /**
     * Records what a run of {@code owner} removed before it was stopped (cancelled, or failed as stale), so its
     * record says what it did; false when it is running still or is gone. The status and times stay as they are.
     */
    boolean keepStoppedCounters(String uuid, String owner, Counters counters);

    /** Fails running runs whose heartbeat is older than {@code staleBefore} (their node died); returns how many. */
    int failStaleRuns(long staleBefore, long now);
}
