package dev.wharf.content;

import dev.wharf.events.Event;
import dev.wharf.events.Origin;
import dev.wharf.meta.ContentStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;

import java.time.Clock;
import java.util.Map;

/**
 * Every delete of content, whichever surface asks (data plane, web UI, management API, CLI), and the rules that
 * govern them: deletes may be disabled ({@code storage.delete.enabled=false}) and immutable tags are never deleted.
 * Each delete records its event in its own transaction. Methods return false when there was nothing to delete;
 * refusals are {@link OciException}s.
 */
public final class ContentDeletion {
    private final ContentStore meta;
    private final TagGuard tags;
    private final boolean enabled;
    private final Clock clock;

    public ContentDeletion(ContentStore meta, TagGuard tags, boolean enabled, Clock clock) {
        this.meta = meta;
        this.tags = tags;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Deletes allowed, with no immutable tags (tests, tools). */
    public ContentDeletion(ContentStore meta) {
        this(meta, TagGuard.NONE, true, Clock.systemUTC());
    }

    /** Whether deletes are allowed at all (what the 405 {@code Allow} header and the UI advertise). */
    public boolean enabled() {
        return enabled;
    }

    /** Deletes a manifest and every tag pointing at it. */
    public boolean manifest(RepositoryName repo, Digest digest, Origin who) {
        requireEnabled();
        return meta.deleteManifest(repo, digest, new Event.ManifestDeleted(clock.instant(), who, repo, digest));
    }

    /** Deletes one tag (the manifest stays); an immutable tag that exists is refused with DENIED. */
    public boolean tag(RepositoryName repo, String tag, Origin who) {
        requireEnabled();
        if (!tags.immutable(repo, tag)) {
            return meta.deleteTag(repo, tag, new Event.TagDeleted(clock.instant(), who, repo, tag));
        }
        // never deleted, so a push creating it concurrently cannot lose it to this delete
        if (meta.manifestByTag(repo, tag).isPresent()) {
            throw ErrorCode.DENIED.exception("tag " + tag + " of " + repo.value()
                    + " is immutable and cannot be deleted", Map.of("tag", tag));
        }
        return false;
    }

    /** Unlinks a blob from {@code repo}; its bytes stay until garbage collection finds them unreferenced. */
    public boolean blob(RepositoryName repo, Digest digest, Origin who) {
        requireEnabled();
        return meta.unlinkBlob(repo, digest, new Event.BlobDeleted(clock.instant(), who, repo, digest));
    }

    /** Deletes a repository's tags, manifests and blob links in one transaction. */
    public boolean repository(RepositoryName repo, Origin who) {
        requireEnabled();
        return meta.deleteRepository(repo, new Event.RepositoryDeleted(clock.instant(), who, repo));
    }

    private void requireEnabled() {
        if (!enabled) {
            throw disabled();
        }
    }

    /** 405 UNSUPPORTED: deletes are disabled on this server. */
    public static OciException disabled() {
        return ErrorCode.UNSUPPORTED.exception("deletes are disabled on this registry (storage.delete.enabled=false)");
    }
}
