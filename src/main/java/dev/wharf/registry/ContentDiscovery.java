package dev.wharf.registry;

import dev.wharf.meta.MetadataStore;
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

    private final MetadataStore meta;

    public ContentDiscovery(MetadataStore meta) {
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
