package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.util.Optional;

/** Manifests with their references, and the tags pointing at them. */
public interface ManifestStore {

    /**
     * In one transaction: verifies every blob of {@code manifest.blobReferences()} is linked into the repository
     * and every child of {@code manifest.manifestReferences()} is a manifest of the repository, then stores the
     * manifest (idempotent by digest) with its references, and points {@code tag} at it when non-null. A tag that
     * already points at another manifest moves only if {@code tagMove} allows it, decided in that transaction. A
     * manifest that is the repository's first content (one that references nothing) asks {@code quota} too.
     *
     * @throws dev.wharf.oci.OciException MANIFEST_BLOB_UNKNOWN (detail: the missing digest) for a missing blob or
     *                                    child manifest (the spec's code for both), or what {@code tagMove} or
     *                                    {@code quota} throws
     */
    void putManifest(ManifestRecord manifest, String tag, TagMove tagMove, LinkQuota quota, Event pushed);

    /** {@link #putManifest(ManifestRecord, String, TagMove, LinkQuota, Event)} with no quota and no event: for tests
     * and tools. */
    default void putManifest(ManifestRecord manifest, String tag, TagMove tagMove) {
        putManifest(manifest, tag, tagMove, LinkQuota.NONE, null);
    }

    /** {@link #putManifest(ManifestRecord, String, TagMove)} with a tag that may always move. */
    default void putManifest(ManifestRecord manifest, String tag) {
        putManifest(manifest, tag, TagMove.ANY);
    }

    Optional<ManifestRecord> manifestByDigest(RepositoryName repo, Digest digest);

    Optional<ManifestRecord> manifestByTag(RepositoryName repo, String tag);

    /** Deletes a manifest, its references and every tag pointing at it; false when it was not there. */
    default boolean deleteManifest(RepositoryName repo, Digest digest) {
        return deleteManifest(repo, digest, null);
    }

    /** {@link #deleteManifest(RepositoryName, Digest)}, recording {@code deleted} when it deletes. */
    boolean deleteManifest(RepositoryName repo, Digest digest, Event deleted);

    /** Deletes one tag; the manifest stays. False when the tag was not there. */
    default boolean deleteTag(RepositoryName repo, String tag) {
        return deleteTag(repo, tag, null);
    }

    /** {@link #deleteTag(RepositoryName, String)}, recording {@code deleted} when it deletes. */
    boolean deleteTag(RepositoryName repo, String tag, Event deleted);
}
