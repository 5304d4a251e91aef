package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.RepositoryName;

/**
 * A repository's content: its blob links, manifests and tags, what lists them, and removing all of it at once. For
 * those that change content; those that only read take {@link RepositoryListings}.
 */
public interface ContentStore extends BlobLinkStore, ManifestStore, RepositoryListings {

    /**
     * Deletes a repository's tags, manifests and blob links in one transaction (blob bytes are left to GC); false
     * when it had no content.
     */
    default boolean deleteRepository(RepositoryName repo) {
        return deleteRepository(repo, null);
    }

    /** {@link #deleteRepository(RepositoryName)}, recording {@code deleted} when it deletes. */
    boolean deleteRepository(RepositoryName repo, Event deleted);
}
