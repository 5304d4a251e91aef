package dev.wharf.gc;

import dev.wharf.meta.GcSweepStore.BlobDecision;
import dev.wharf.meta.GcSweepStore.BlobRemoval;
import dev.wharf.meta.GcSweepStore.BlobUse;
import dev.wharf.meta.GcSweepStore.Link;
import dev.wharf.meta.GcSweepStore.Reference;
import dev.wharf.meta.GcSweepStore;
import dev.wharf.oci.Digest;
import dev.wharf.storage.BlobStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects unreferenced blobs a page of digests at a time. A repository's link to a blob goes when the link is
 * older than the grace period and no manifest of that repository references the blob; the blob record goes when no
 * link and no reference is left anywhere, together with its bytes ({@link AsideBytes}: set aside inside that
 * transaction, gone after its commit), unless the bytes were published again since the cutoff.
 */
final class BlobSweep {
    private static final int PAGE = 500;

    private final GcSweepStore store;
    private final BlobStore blobs;
    private final Scope scope;
    private final RunProgress progress;
    private final Set<Long> goneManifests;

    BlobSweep(GcSweepStore store, BlobStore blobs, Scope scope, RunProgress progress, Set<Long> goneManifests) {
        this.store = store;
        this.blobs = blobs;
        this.scope = scope;
        this.progress = progress;
        this.goneManifests = goneManifests;
    }

    void run() throws IOException {
        Digest after = null;
        while (true) {
            List<Digest> page = store.blobDigests(scope.registry(), after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            after = page.getLast();
            collect(store.blobUses(page));
            progress.checkpoint();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    void collect(List<BlobUse> uses) {
        List<Digest> candidates = new ArrayList<>();
        for (BlobUse use : uses) {
            BlobDecision d = decide(use);
            if (scope.dryRun()) {
                if (d.deleteRecord()) {
                    progress.blobDeleted(use.size());
                }
            } else if (d.deleteRecord() || !d.unlink().isEmpty()) {
                candidates.add(use.digest());
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        BlobRemoval removal = store.collectBlobs(candidates, this::decide, new AsideBytes(blobs, scope.cutoff()));
        progress.blobsDeleted(removal.deletedRecords().size(), removal.freedBytes());
    }

    /** The rule, evaluated again inside the deleting transaction with the blob and its links locked. */
    BlobDecision decide(BlobUse use) {
        Set<Long> referencingRepos = new HashSet<>();
        for (Reference r : use.references()) {
            if (!goneManifests.contains(r.manifestId())) {
                referencingRepos.add(r.repositoryId());
            }
        }
        List<Link> unlink = new ArrayList<>();
        for (Link link : use.links()) {
            if (scope.contains(link.repository()) && scope.old(link.linkedAt())
                    && !referencingRepos.contains(link.repositoryId())) {
                unlink.add(link);
            }
        }
        boolean nothingLeft = unlink.size() == use.links().size() && referencingRepos.isEmpty()
                && scope.old(use.createdAt());
        return new BlobDecision(unlink, nothingLeft);
    }
}
