package dev.wharf.gc;

import dev.wharf.meta.GcPolicyStore;
import dev.wharf.meta.GcSweepStore.TagRow;
import dev.wharf.meta.GcSweepStore;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies retention policies: walks each repository's tags newest push first and removes those its policy
 * removes (see {@link RetentionPolicy}). When several policies match a repository the one with the longest
 * repository pattern applies. A tag pushed again while the sweep runs is not removed. Dry runs only report.
 */
final class RetentionSweep {
    private static final int PAGE = 500;

    private final GcSweepStore store;
    private final GcPolicyStore policies;
    private final Scope scope;
    private final RunProgress progress;
    private final Instant now;
    private final Consumer<TagRemoval> report;

    RetentionSweep(GcSweepStore store, GcPolicyStore policies, Scope scope, RunProgress progress, Instant now,
                   Consumer<TagRemoval> report) {
        this.store = store;
        this.policies = policies;
        this.scope = scope;
        this.progress = progress;
        this.now = now;
        this.report = report;
    }

    void run() {
        List<RetentionPolicy> policies = this.policies.policies().stream().map(RetentionPolicy::of)
                .filter(p -> p.removesAnything() && (scope.registry() == null || p.registry().equals(scope.registry())))
                .toList();
        for (String registry : policies.stream().map(RetentionPolicy::registry).distinct().toList()) {
            String after = null;
            while (true) {
                List<RepositoryName> repos = store.repositories(registry, after, PAGE);
                for (RepositoryName repo : repos) {
                    applicable(policies, repo).ifPresent(p -> apply(p, repo));
                }
                if (repos.size() < PAGE) {
                    break;
                }
                after = repos.getLast().value();
            }
        }
    }

    static Optional<RetentionPolicy> applicable(List<RetentionPolicy> policies, RepositoryName repo) {
        return policies.stream().filter(p -> p.appliesTo(repo))
                .max(Comparator.comparingInt(RetentionPolicy::specificity));
    }

    private void apply(RetentionPolicy policy, RepositoryName repo) {
        int rank = 0;
        TagRow after = null;
        while (true) {
            List<TagRow> page = store.tagsByPushTime(repo, after, PAGE);
            for (TagRow t : page) {
                Instant pushed = Instant.ofEpochMilli(t.pushedAt());
                if (policy.removes(t.name(), rank++, pushed, now)
                        && (scope.dryRun() || store.deleteTagIfUnchanged(repo, t))) {
                    progress.tagDeleted();
                    report.accept(new TagRemoval(repo, t.name(), t.digest().toString(), pushed));
                }
            }
            progress.checkpoint();
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast();
        }
    }
}
