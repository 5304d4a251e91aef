package dev.wharf.gc;

import dev.wharf.meta.GcStore;
import dev.wharf.oci.Digest;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.BlobStore.StoredBlob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Removes stored blobs the metadata does not know (left by a crash between storing and recording, or between
 * deleting a record and its bytes), once they are older than the grace period. Streams the store in batches.
 */
final class OrphanFiles {
    private static final int BATCH = 500;

    private final GcStore store;
    private final BlobStore blobs;
    private final Scope scope;
    private final RunProgress progress;
    private final List<StoredBlob> batch = new ArrayList<>(BATCH);
    private long seen;

    OrphanFiles(GcStore store, BlobStore blobs, Scope scope, RunProgress progress) {
        this.store = store;
        this.blobs = blobs;
        this.scope = scope;
        this.progress = progress;
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

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        Set<Digest> known = store.knownBlobs(batch.stream().map(StoredBlob::digest).toList());
        for (StoredBlob b : batch) {
            if (known.contains(b.digest())) {
                continue;
            }
            try {
                if (scope.dryRun() || blobs.deleteIfOlder(b.digest(), scope.cutoff())) {
                    progress.blobDeleted(b.size());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        batch.clear();
        progress.checkpoint();
    }
}
