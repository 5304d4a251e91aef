package dev.wharf.storage.fs;

import java.security.MessageDigest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The running SHA-256 of uploads this process appended to, so a commit need not re-read the file. Purely a cache:
 * a missing entry only costs a re-hash at commit. Bounded by count and idle time so abandoned uploads cannot grow
 * it. Stored digests are never mutated; callers get clones.
 */
final class HashStates {
    /** A hash over the first {@code size} bytes of an upload. */
    record State(MessageDigest digest, long size) {
    }

    private record Entry(State state, long touchedNanos) {
    }

    private final int capacity;
    private final long maxIdleNanos;
    private final LongSupplier nanoClock;
    /** Insertion order is touch order: every put re-inserts, so the eldest entry is the least recently touched. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    HashStates(int capacity, long maxIdleNanos, LongSupplier nanoClock) {
        if (capacity < 0 || maxIdleNanos < 0) {
            throw new IllegalArgumentException("capacity and maxIdleNanos must be non-negative");
        }
        this.capacity = capacity;
        this.maxIdleNanos = maxIdleNanos;
        this.nanoClock = nanoClock;
    }

    /** A private copy of the state for {@code uploadId}, or null when none is known (or it went idle). */
    synchronized State copy(String uploadId) {
        Entry entry = entries.get(uploadId);
        if (entry == null) {
            return null;
        }
        if (expired(entry, nanoClock.getAsLong())) {
            entries.remove(uploadId);
            return null;
        }
        MessageDigest clone = cloneOrNull(entry.state().digest());
        if (clone == null) {
            entries.remove(uploadId);
            return null;
        }
        return new State(clone, entry.state().size());
    }

    /** Records {@code digest} (which the caller must not touch afterwards) as covering {@code size} bytes. */
    synchronized void put(String uploadId, MessageDigest digest, long size) {
        long now = nanoClock.getAsLong();
        entries.remove(uploadId);
        entries.put(uploadId, new Entry(new State(digest, size), now));
        Iterator<Map.Entry<String, Entry>> eldestFirst = entries.entrySet().iterator();
        while (eldestFirst.hasNext()) {
            Entry eldest = eldestFirst.next().getValue();
            if (entries.size() <= capacity && !expired(eldest, now)) {
                break;
            }
            eldestFirst.remove();
        }
    }

    synchronized void remove(String uploadId) {
        entries.remove(uploadId);
    }

    synchronized int size() {
        return entries.size();
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.touchedNanos() > maxIdleNanos;
    }

    static MessageDigest cloneOrNull(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            return null;
        }
    }
}
