package dev.wharf.gc;

import dev.wharf.meta.GcRunStore.Counters;

/**
 * What a run has removed so far, and its checkpoint: called between pages, it records progress (the heartbeat
 * that keeps the run's lease, at most twice a second) and stops the run by throwing {@link Stopped} when it was
 * cancelled or taken over.
 * Pages are atomic, so stopping at any checkpoint leaves everything consistent.
 */
class RunProgress {

    /** The run may no longer continue: cancelled, or its lease was lost. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("run stopped", null, false, false);
        }
    }

    /** Records counters and says whether the run may go on. */
    @FunctionalInterface
    interface Heartbeat {
        boolean beat(Counters counters);
    }

    /** Heartbeats are writes (an fsync on SQLite): at most one per interval, the first one at once. */
    private static final long BEAT_NANOS = 500_000_000L;

    private final Heartbeat heartbeat;
    private long lastBeat;
    private boolean beaten;
    private long blobs;
    private long manifests;
    private long tags;
    private long bytes;

    RunProgress(Heartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    synchronized void blobDeleted(long size) {
        blobs++;
        bytes += size;
    }

    synchronized void blobsDeleted(long count, long size) {
        blobs += count;
        bytes += size;
    }

    synchronized void manifestDeleted(long size) {
        manifests++;
        bytes += size;
    }

    synchronized void tagDeleted() {
        tags++;
    }

    synchronized Counters counters() {
        return new Counters(blobs, manifests, tags, bytes);
    }

    void checkpoint() {
        long now = System.nanoTime();
        if (beaten && now - lastBeat < BEAT_NANOS) {
            return;
        }
        beaten = true;
        lastBeat = now;
        if (!heartbeat.beat(counters())) {
            throw new Stopped();
        }
    }
}
