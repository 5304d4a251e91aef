package dev.wharf.gc;

import dev.wharf.meta.GcSweepStore.BlobUse;
import dev.wharf.meta.GcSweepStore;
import dev.wharf.storage.BlobStore.SetAside;
import dev.wharf.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of one blob transaction: set aside while the records are deleted, discarded once that committed, put
 * back otherwise. A failure here never leaves a record without bytes: bytes that could not be discarded stay in
 * the store's set-aside area and are put back (as unknown files, collected later) when the store is opened again;
 * bytes that could not be put back are put back then too.
 */
final class AsideBytes implements GcSweepStore.BytesRemoval {
    private static final Logger log = LoggerFactory.getLogger(AsideBytes.class);

    private final BlobStore blobs;
    private final Instant cutoff;
    private final List<SetAside> pending = new ArrayList<>();

    AsideBytes(BlobStore blobs, Instant cutoff) {
        this.blobs = blobs;
        this.cutoff = cutoff;
    }

    /** Bytes published again since the cutoff stay, and so does the record. */
    @Override
    public long setAside(BlobUse use) throws IOException {
        if (blobs.size(use.digest()).isEmpty()) {
            return 0;
        }
        Optional<SetAside> aside = blobs.setAsideIfOlder(use.digest(), cutoff);
        if (aside.isEmpty()) {
            return -1;
        }
        pending.add(aside.get());
        return use.size();
    }

    @Override
    public void finish(boolean committed) {
        for (SetAside a : pending) {
            try {
                if (committed) {
                    a.discard();
                } else {
                    a.restore();
                }
            } catch (IOException e) {
                log.warn("could not {} the set-aside bytes of {}; the next start puts them back",
                        committed ? "discard" : "restore", a.digest(), e);
            }
        }
        pending.clear();
    }
}
