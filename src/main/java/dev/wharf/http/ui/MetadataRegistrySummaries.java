package dev.wharf.http.ui;

import dev.wharf.meta.RepositoryListings;
import dev.wharf.meta.RepositorySummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registries derived from the metadata store: a registry is the first path component of repository names
 * ({@code team} for {@code team/app}; a single-component name is its own registry). There are no tiers or quotas;
 * usage is the sum of each repository's stored bytes.
 */
public final class MetadataRegistrySummaries implements RegistrySummaries {
    private static final int PAGE = 1000;

    private final RepositoryListings meta;

    public MetadataRegistrySummaries(RepositoryListings meta) {
        this.meta = meta;
    }

    @Override
    public List<RegistrySummary> list() {
        Map<String, RegistrySummary> byName = new TreeMap<>();
        String after = null;
        while (true) {
            List<RepositorySummary> page = meta.findRepositories(null, after, null, PAGE);
            for (RepositorySummary r : page) {
                String registry = registryOf(r.name());
                RegistrySummary s = byName.get(registry);
                byName.put(registry, s == null
                        ? new RegistrySummary(registry, null, r.storedBytes(), null, 1, r.lastPush())
                        : new RegistrySummary(registry, null, s.usedBytes() + r.storedBytes(), null,
                        s.repositoryCount() + 1, later(s.lastPush(), r.lastPush())));
            }
            if (page.size() < PAGE) {
                return new ArrayList<>(byName.values());
            }
            after = page.get(page.size() - 1).name();
        }
    }

    static String registryOf(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }

    private static java.time.Instant later(java.time.Instant a, java.time.Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
