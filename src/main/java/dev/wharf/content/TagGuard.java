package dev.wharf.content;

import dev.wharf.oci.RepositoryName;

/** Says which tags may not be moved or deleted once they exist (tag immutability rules). */
@FunctionalInterface
public interface TagGuard {
    TagGuard NONE = (repo, tag) -> false;

    boolean immutable(RepositoryName repo, String tag);
}
