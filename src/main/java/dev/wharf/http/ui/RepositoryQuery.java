package dev.wharf.http.ui;

import dev.wharf.meta.RepositoryListings;
import dev.wharf.meta.RepositorySummary;

import java.util.ArrayList;
import java.util.List;

/**
 * Pages of repositories a viewer may see, with substring search. Keyset cursors ({@code after}/{@code before} a
 * name) keep every page as cheap as the first. When the viewer sees only some repositories, pages are filled by
 * scanning forward at most {@link #MAX_SCAN} names per request.
 */
final class RepositoryQuery {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 1000;
    static final int MAX_SCAN = 10_000;

    private final RepositoryListings meta;

    RepositoryQuery(RepositoryListings meta) {
        this.meta = meta;
    }

    /** One page; {@code prev}/{@code next} are the cursors for the neighbouring pages, null at either end. */
    record Slice(List<RepositorySummary> rows, String prev, String next) {
    }

    Slice page(Viewer viewer, String q, String after, String before, int size) {
        int n = Math.max(1, Math.min(MAX_PAGE, size));
        String query = q == null ? "" : q.trim();
        if (viewer.isOpen()) {
            List<RepositorySummary> rows = meta.findRepositories(query, after, before, n + 1);
            boolean backwards = after == null && before != null;
            boolean more = rows.size() > n;
            if (more) {
                rows = backwards ? rows.subList(1, rows.size()) : rows.subList(0, n);
            }
            String first = rows.isEmpty() ? null : rows.get(0).name();
            String last = rows.isEmpty() ? null : rows.get(rows.size() - 1).name();
            boolean hasPrev = backwards ? more : after != null && first != null
                    && !meta.findRepositories(query, null, first, 1).isEmpty();
            boolean hasNext = backwards ? last != null && !meta.findRepositories(query, last, null, 1).isEmpty() : more;
            return new Slice(rows, hasPrev ? first : null, hasNext ? last : null);
        }
        List<RepositorySummary> out = new ArrayList<>();
        String cursor = after;
        int scanned = 0;
        while (scanned < MAX_SCAN) {
            List<RepositorySummary> batch = meta.findRepositories(query, cursor, null, n + 1);
            for (RepositorySummary r : batch) {
                scanned++;
                cursor = r.name();
                if (viewer.maySee(r.name())) {
                    if (out.size() == n) {
                        return new Slice(out, null, out.get(n - 1).name());
                    }
                    out.add(r);
                }
            }
            if (batch.size() < n + 1) {
                return new Slice(out, null, null);
            }
        }
        return new Slice(out, null, cursor);
    }

    /** The total for the search, only for viewers who may list the whole catalog. */
    Long total(Viewer viewer, String q) {
        return viewer.mayListAll() ? meta.countRepositories(q == null ? "" : q.trim()) : null;
    }
}
