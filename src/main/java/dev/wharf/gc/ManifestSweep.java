package dev.wharf.gc;

import dev.wharf.meta.GcSweepStore.ManifestRef;
import dev.wharf.meta.GcSweepStore.ManifestUse;
import dev.wharf.meta.GcSweepStore;
import dev.wharf.oci.RepositoryName;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collects untagged manifests nothing needs, repository by repository. A manifest is needed while it is tagged,
 * younger than the grace period, listed by an index (a manifest of the same repository that is itself still there),
 * or a referrer whose subject is still there (or, unless referrers of deleted manifests go too, whose subject is
 * missing). Scanning newest first collects an index before its children in one pass; referrers of a collected
 * subject need another pass, so passes repeat until one collects nothing.
 *
 * <p>Dry runs delete nothing: they record what would go in {@code gone} and treat it as gone for later decisions,
 * so the report equals what a real run would remove (memory: one id per planned deletion).
 */
final class ManifestSweep {
    private static final int REPOSITORY_PAGE = 100;
    private static final int PAGE = 200;
    private static final int MAX_PASSES = 64;

    private final GcSweepStore store;
    private final Scope scope;
    private final RunProgress progress;
    private final Set<Long> gone;

    ManifestSweep(GcSweepStore store, Scope scope, RunProgress progress, Set<Long> gone) {
        this.store = store;
        this.scope = scope;
        this.progress = progress;
        this.gone = gone;
    }

    void run() {
        String after = null;
        while (true) {
            List<RepositoryName> repos = store.repositories(scope.registry(), after, REPOSITORY_PAGE);
            for (RepositoryName repo : repos) {
                sweep(repo);
            }
            if (repos.size() < REPOSITORY_PAGE) {
                return;
            }
            after = repos.getLast().value();
        }
    }

    private void sweep(RepositoryName repo) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (pass(repo) == 0) {
                return;
            }
        }
    }

    /** One scan of the repository's untagged manifests, newest first; returns how many went. */
    private int pass(RepositoryName repo) {
        int removed = 0;
        long below = Long.MAX_VALUE;
        while (true) {
            List<ManifestRef> page = store.untaggedManifests(repo, scope.cutoff().toEpochMilli(), below, PAGE);
            if (page.isEmpty()) {
                return removed;
            }
            below = page.getLast().id();
            List<Long> ids = page.stream().map(ManifestRef::id).filter(id -> !gone.contains(id)).toList();
            if (scope.dryRun()) {
                for (long id : ids) {
                    Optional<ManifestUse> use = store.manifestUse(repo, id);
                    if (use.isPresent() && collectable(use.get())) {
                        gone.add(id);
                        progress.manifestDeleted(use.get().size());
                        removed++;
                    }
                }
            } else {
                for (ManifestRef m : store.deleteManifests(repo, ids, this::collectable)) {
                    progress.manifestDeleted(m.size());
                    removed++;
                }
            }
            progress.checkpoint();
            if (page.size() < PAGE) {
                return removed;
            }
        }
    }

    /** The rule, evaluated again inside the deleting transaction with the manifest row locked. */
    boolean collectable(ManifestUse u) {
        if (u.tagged() || !scope.old(u.createdAt())) {
            return false;
        }
        for (long parent : u.parents()) {
            if (!gone.contains(parent)) {
                return false;
            }
        }
        if (u.subject() != null) {
            boolean subjectThere = u.subjectId() != null && !gone.contains(u.subjectId());
            return !subjectThere && scope.deleteOrphanReferrers();
        }
        return true;
    }
}
