package dev.wharf.gc;

import dev.wharf.meta.GcRepairStore;
import dev.wharf.meta.GcSweepStore;
import dev.wharf.oci.Digest;
import dev.wharf.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * Start-up repair of blob records whose bytes are gone. Before bytes were set aside until the record's deletion
 * committed ({@link AsideBytes}), a {@code kill -9} inside a blob transaction left records (and links) of deleted
 * bytes: {@code HEAD} answered 200, {@code GET} 404, and clients that skip existing layers pushed images that could
 * never be pulled. Such records are removed, with their links, so clients upload the blobs again.
 *
 * <p>Cost: one {@code stat} per blob record, in pages of 500, once per database: the scan is recorded as done in
 * {@code repairs} and never runs again, because the current collector cannot leave such records (a crash now leaves
 * bytes in the set-aside area, which opening the store puts back). A database of a million blobs costs one pass of
 * a million stats at its first start on this version, nothing afterwards.
 */
final class LostBytesRepair {
    static final String NAME = "blob-records-without-bytes";
    private static final Logger log = LoggerFactory.getLogger(LostBytesRepair.class);
    private static final int PAGE = 500;

    private final GcRepairStore store;
    private final GcSweepStore blobRecords;
    private final BlobStore blobs;
    private final Clock clock;

    LostBytesRepair(GcRepairStore store, GcSweepStore blobRecords, BlobStore blobs, Clock clock) {
        this.store = store;
        this.blobRecords = blobRecords;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Runs the scan unless it already completed on this database; returns the records removed. */
    int run() {
        if (store.repairDone(NAME)) {
            return 0;
        }
        int dropped = 0;
        Digest after = null;
        while (true) {
            List<Digest> page = blobRecords.blobDigests(null, after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            after = page.getLast();
            // checked again with the record locked: bytes published meanwhile keep it
            dropped += store.dropRecordsWithoutBytes(page.stream().filter(this::missing).toList(), this::missing);
            if (page.size() < PAGE) {
                break;
            }
        }
        store.markRepairDone(NAME, clock.millis());
        if (dropped > 0) {
            log.warn("removed {} blob records whose bytes were missing (left by a crash during garbage collection);"
                    + " clients will upload those blobs again", dropped);
        }
        return dropped;
    }

    private boolean missing(Digest digest) {
        try {
            return blobs.size(digest).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
