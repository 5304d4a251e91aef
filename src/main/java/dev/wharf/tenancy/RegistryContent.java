package dev.wharf.tenancy;

import dev.wharf.events.Origin;
import dev.wharf.meta.ContentStore;
import dev.wharf.meta.RegistryContentListings.ManifestSummary;
import dev.wharf.meta.RegistryContentListings.RepositorySummary;
import dev.wharf.meta.RegistryContentListings.TagSummary;
import dev.wharf.meta.RegistryStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.ContentDeletion;
import dev.wharf.content.TagGuard;

import java.time.Clock;
import java.util.List;

/**
 * The repositories, tags and manifests of a registry as the management API lists and deletes them. Repository
 * names are given without the registry prefix ({@code app}, {@code team/app}), as DigitalOcean's API names them.
 * Deletes go through {@link ContentDeletion}, which holds their rules (disabled deletes, immutable tags) and events.
 */
public final class RegistryContent {
    private final RegistryStore store;
    private final ContentStore meta;
    private final ContentDeletion deletion;
    private final UncompressedSizes sizes;

    /**
     * Listings whose uncompressed sizes stay unknown until something else records them, and deletes with no
     * immutable tags (the CLI).
     */
    public RegistryContent(RegistryStore store, ContentStore meta, boolean deleteEnabled) {
        this(store, meta, new ContentDeletion(meta, TagGuard.NONE, deleteEnabled, Clock.systemUTC()), null);
    }

    /** {@code sizes}: records the uncompressed sizes of listed blobs not yet sized; null: never. */
    public RegistryContent(RegistryStore store, ContentStore meta, ContentDeletion deletion, UncompressedSizes sizes) {
        this.store = store;
        this.meta = meta;
        this.deletion = deletion;
        this.sizes = sizes;
    }

    /** A page of results and the total count across pages. */
    public record Page<T>(List<T> items, long total) {
    }

    public Page<RepositorySummary> repositories(String registry, String after, int offset, int limit) {
        requireRegistry(registry);
        List<RepositorySummary> items = store.repositorySummaries(registry, after, offset, limit);
        boolean filled = false;
        for (RepositorySummary r : items) {
            List<String> unsized = new java.util.ArrayList<>();
            if (r.latestTag() != null && r.latestTag().sizeBytes() == null) {
                unsized.add(r.latestTag().manifestDigest());
            }
            if (r.latestManifest() != null && r.latestManifest().sizeBytes() == null) {
                unsized.add(r.latestManifest().digest());
            }
            filled |= fill(r.name(), unsized);
        }
        if (filled) {
            items = store.repositorySummaries(registry, after, offset, limit);
        }
        return new Page<>(items, store.repositoryCount(registry));
    }

    public Page<TagSummary> tags(String registry, String repository, int offset, int limit) {
        RepositoryName repo = repository(registry, repository);
        List<TagSummary> items = store.tags(repo, offset, limit);
        if (fill(repo, items.stream().filter(t -> t.sizeBytes() == null).map(TagSummary::manifestDigest)
                .toList())) {
            items = store.tags(repo, offset, limit);
        }
        return new Page<>(items, store.tagCount(repo));
    }

    public Page<ManifestSummary> manifests(String registry, String repository, int offset, int limit) {
        RepositoryName repo = repository(registry, repository);
        List<ManifestSummary> items = store.manifests(repo, offset, limit);
        if (fill(repo, items.stream().filter(m -> m.sizeBytes() == null).map(ManifestSummary::digest)
                .toList())) {
            items = store.manifests(repo, offset, limit);
        }
        return new Page<>(items, store.manifestCount(repo));
    }

    /** Sizes the listed manifests' blobs once; true when the page should be read again. */
    private boolean fill(RepositoryName repo, List<String> manifests) {
        return sizes != null && sizes.fill(repo, manifests);
    }

    /** The deletes below, by the operator at the command line. */
    public void deleteTag(String registry, String repository, String tag) {
        deleteTag(registry, repository, tag, Origin.commandLine());
    }

    public void deleteManifest(String registry, String repository, String digest) {
        deleteManifest(registry, repository, digest, Origin.commandLine());
    }

    public void deleteRepository(String registry, String repository) {
        deleteRepository(registry, repository, Origin.commandLine());
    }

    public void deleteTag(String registry, String repository, String tag, Origin who) {
        RepositoryName repo = repository(registry, repository);
        if (!deletion.tag(repo, tag, who)) {
            throw TenancyException.notFound("tag " + tag + " not found in " + repo);
        }
    }

    public void deleteManifest(String registry, String repository, String digest, Origin who) {
        RepositoryName repo = repository(registry, repository);
        Digest d;
        try {
            d = Digest.parse(digest);
        } catch (OciException e) {
            throw TenancyException.invalid("invalid manifest digest \"" + digest + "\"");
        }
        if (!deletion.manifest(repo, d, who)) {
            throw TenancyException.notFound("manifest " + digest + " not found in " + repo);
        }
    }

    /** Deletes a repository with all its tags and manifests. */
    public void deleteRepository(String registry, String repository, Origin who) {
        RepositoryName repo = repository(registry, repository);
        if (!deletion.repository(repo, who)) {
            throw TenancyException.notFound("repository " + repo + " not found");
        }
    }

    /** The full repository name of {@code repository} in {@code registry}; NOT_FOUND when it has no content. */
    private RepositoryName repository(String registry, String repository) {
        requireRegistry(registry);
        RepositoryName repo;
        try {
            repo = RepositoryName.parse(registry + "/" + repository);
        } catch (OciException e) {
            throw TenancyException.invalid("invalid repository name \"" + repository + "\"");
        }
        if (!meta.repositoryExists(repo)) {
            throw TenancyException.notFound("repository " + repository + " not found in registry " + registry);
        }
        return repo;
    }

    private void requireRegistry(String registry) {
        if (store.find(registry).isEmpty()) {
            throw RegistryService.notFound(registry);
        }
    }
}
