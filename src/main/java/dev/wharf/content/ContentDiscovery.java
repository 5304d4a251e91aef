package dev.wharf.content;

import dev.wharf.meta.RepositoryListings;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;

import java.util.List;
import java.util.Map;

/** Listing tags and repositories a page at a time, and finding referrers. */
public final class ContentDiscovery {
    /** Page size when the client names none, and the largest page served; clients follow {@code Link}. */
    public static final int MAX_PAGE = 1000;

    private final RepositoryListings meta;

    public ContentDiscovery(RepositoryListings meta) {
        this.meta = meta;
    }

    /** One page of results; {@code more} is true when a next page may exist. */
    public record Page(List<String> items, boolean more) {
    }

    public Page tags(RepositoryName repo, String last, int n) {
        if (!meta.repositoryExists(repo)) {
            throw ErrorCode.NAME_UNKNOWN.exception("repository name not known to registry", Map.of("name", repo.value()));
        }
        return page(meta.listTags(repo, last, Math.min(n, MAX_PAGE) + 1), n);
    }

    public Page repositories(String last, int n) {
        return page(meta.listRepositories(last, Math.min(n, MAX_PAGE) + 1), n);
    }

    /**
     * A catalog page holding only repositories {@code visible} accepts. Scans at most {@link #MAX_SCAN} names per
     * call, so a caller who may see few of many repositories gets a short page whose {@code resumeAfter} lets the
     * next request continue where this scan stopped: the cost of one request stays bounded.
     */
    public FilteredPage repositories(String last, int n, java.util.function.Predicate<String> visible) {
        int limit = Math.min(n, MAX_PAGE);
        List<String> out = new java.util.ArrayList<>();
        String cursor = last;
        int scanned = 0;
        while (scanned < MAX_SCAN) {
            List<String> batch = meta.listRepositories(cursor, limit + 1);
            for (String name : batch) {
                scanned++;
                cursor = name;
                if (visible.test(name)) {
                    if (out.size() == limit) {
                        return new FilteredPage(out, out.get(out.size() - 1));
                    }
                    out.add(name);
                }
            }
            if (batch.size() < limit + 1) {
                return new FilteredPage(out, null);
            }
        }
        return new FilteredPage(out, cursor);
    }

    /** Most names one filtered catalog request looks at. */
    public static final int MAX_SCAN = 10_000;

    /** Visible repositories, and the name to continue after when more may exist (else null). */
    public record FilteredPage(List<String> items, String resumeAfter) {
    }

    public List<Descriptor> referrers(RepositoryName repo, Digest subject, String artifactType) {
        return meta.referrers(repo, subject, artifactType).stream().map(ManifestService::descriptorOf).toList();
    }

    /** One more row than asked for is fetched so that {@code more} is exact, never a guess. */
    private static Page page(List<String> rows, int n) {
        int limit = Math.min(n, MAX_PAGE);
        if (rows.size() > limit) {
            return new Page(rows.subList(0, limit), true);
        }
        return new Page(rows, false);
    }
}
