package dev.wharf.meta;

import dev.wharf.oci.Digest;

import java.util.List;
import java.util.function.Predicate;

/**
 * One-time start-up repairs: which have run, and dropping blob records whose bytes are missing.
 */
public interface GcRepairStore {

    /**
     * Start-up repair: deletes the records (and links) of {@code digests} whose bytes are still missing once the
     * record is locked ({@code bytesMissing}), so clients upload them again; returns how many went.
     */
    int dropRecordsWithoutBytes(List<Digest> digests, Predicate<Digest> bytesMissing);

    /** Whether the one-time repair {@code name} has already completed on this database. */
    boolean repairDone(String name);

    /** Records that the one-time repair {@code name} has completed. */
    void markRepairDone(String name, long now);
}
