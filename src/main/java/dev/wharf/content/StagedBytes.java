package dev.wharf.content;

import dev.wharf.oci.RepositoryName;

import java.util.HashMap;
import java.util.Map;

/**
 * The bytes held in unfinished uploads: per upload, per registry (the first component of the repository name) and
 * in all. Staged bytes fill the disk before any quota counts them as usage, so while they are staged they count
 * against their registry's free quota and against an instance-wide cap. Writers reserve bytes as they read them
 * ({@link #reserve}), so concurrent uploads cannot pass a limit together; after each write an upload's figure is set
 * to what staging really holds ({@link #set}); completing, cancelling or expiring an upload releases it. The figures
 * live in memory and are rebuilt from the upload sessions when the server starts.
 */
public final class StagedBytes {

    /** The limit a reservation would pass, if any. */
    enum Passes { NOTHING, REGISTRY_QUOTA, INSTANCE_CAP }

    private record Upload(String registry, long bytes) {
    }

    private final long cap;
    private final Map<String, Upload> uploads = new HashMap<>();
    private final Map<String, Long> perRegistry = new HashMap<>();
    private long total;

    /** {@code cap}: the most bytes all unfinished uploads together may hold. */
    public StagedBytes(long cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("the staged-bytes cap must be positive");
        }
        this.cap = cap;
    }

    /** The key registry figures are kept under: the registry name, or "" for single-component repositories. */
    static String registryOf(RepositoryName repo) {
        return repo.value().indexOf('/') < 0 ? "" : repo.namespace();
    }

    public long cap() {
        return cap;
    }

    public synchronized long total() {
        return total;
    }

    public synchronized long inRegistry(String registry) {
        return perRegistry.getOrDefault(registry, 0L);
    }

    /** Whether {@code adding} bytes more fit beside the {@code staged} ones of a registry (its quota's rule). */
    @FunctionalInterface
    interface RegistryRoom {
        RegistryRoom UNLIMITED = (staged, adding) -> true;

        boolean fits(long staged, long adding);
    }

    /** The limit {@code bytes} more in {@code registry} would pass, without reserving anything. */
    synchronized Passes check(String registry, long bytes, RegistryRoom room) {
        if (!room.fits(inRegistry(registry), bytes)) {
            return Passes.REGISTRY_QUOTA;
        }
        return total + bytes > cap ? Passes.INSTANCE_CAP : Passes.NOTHING;
    }

    /** Adds {@code bytes} to upload {@code id} unless that passes a limit; returns the limit it would pass. */
    synchronized Passes reserve(String id, String registry, long bytes, RegistryRoom room) {
        Passes passes = check(registry, bytes, room);
        if (passes == Passes.NOTHING) {
            Upload u = uploads.get(id);
            put(id, registry, (u == null ? 0 : u.bytes()) + bytes);
        }
        return passes;
    }

    /** Sets upload {@code id} to what staging holds for it ({@code bytes}, or negative when it holds nothing). */
    public synchronized void set(String id, RepositoryName repo, long bytes) {
        if (bytes < 0) {
            release(id);
        } else {
            put(id, registryOf(repo), bytes);
        }
    }

    /** The upload holds nothing any more (completed, cancelled, expired). */
    public synchronized void release(String id) {
        Upload gone = uploads.remove(id);
        if (gone != null) {
            add(gone.registry(), -gone.bytes());
        }
    }

    private void put(String id, String registry, long bytes) {
        Upload before = uploads.put(id, new Upload(registry, bytes));
        if (before != null) {
            add(before.registry(), -before.bytes());
        }
        add(registry, bytes);
    }

    private void add(String registry, long delta) {
        total += delta;
        long now = perRegistry.getOrDefault(registry, 0L) + delta;
        if (now == 0) {
            perRegistry.remove(registry);
        } else {
            perRegistry.put(registry, now);
        }
    }
}
