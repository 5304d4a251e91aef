package dev.wharf.gc;

import dev.wharf.meta.GcSweepStore.BlobUse;
import dev.wharf.meta.GcSweepStore;
import dev.wharf.oci.Digest;
import dev.wharf.storage.BlobStore.StoredBlob;
import dev.wharf.storage.BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Removes stored blobs the metadata does not know (left by a crash between storing and recording), once they are
 * older than the grace period. Streams the store in batches. Each unknown file is first adopted as an unlinked
 * record, so its deletion goes through the same locked transaction as any blob's and a concurrent link of the
 * same digest either wins (the file stays) or waits and finds the bytes gone.
 */
final class OrphanFiles {
    private static final int BATCH = 500;

    private final GcSweepStore store;
    private final BlobStore blobs;
    private final Scope scope;
    private final RunProgress progress;
    private final List<StoredBlob> batch = new ArrayList<>(BATCH);
    private final BlobSweep sweep;
    private long seen;

    OrphanFiles(GcSweepStore store, BlobStore blobs, Scope scope, RunProgress progress, BlobSweep sweep) {
        this.store = store;
        this.blobs = blobs;
        this.scope = scope;
        this.progress = progress;
        this.sweep = sweep;
    }

    void run() throws IOException {
        try {
            blobs.forEach(b -> {
                if (++seen % (BATCH * 4) == 0) {
                    progress.checkpoint(); // keeps the lease while walking a store with few old files
                }
                if (scope.old(b.modified().toEpochMilli())) {
                    batch.add(b);
                    if (batch.size() >= BATCH) {
                        flush();
                    }
                }
            });
            flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Unknown old files are adopted as unlinked records, then collected like any unreferenced blob. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        Set<Digest> known = store.knownBlobs(batch.stream().map(StoredBlob::digest).toList());
        List<BlobUse> unknown = batch.stream().filter(b -> !known.contains(b.digest()))
                .map(b -> new BlobUse(b.digest(), b.size(), 0, List.of(), List.of())).toList();
        batch.clear();
        if (scope.dryRun()) {
            progress.blobsDeleted(unknown.size(), unknown.stream().mapToLong(BlobUse::size).sum());
        } else if (!unknown.isEmpty()) {
            List<Digest> adopted = store.adoptOrphans(unknown);
            sweep.collect(store.blobUses(adopted));
        }
        progress.checkpoint();
    }
}
