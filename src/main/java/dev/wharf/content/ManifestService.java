package dev.wharf.content;

import dev.wharf.events.Event;
import dev.wharf.events.EventSink;
import dev.wharf.events.Origin;
import dev.wharf.meta.ContentStore;
import dev.wharf.meta.ManifestRecord;
import dev.wharf.meta.TagMove;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.ManifestParser;
import dev.wharf.oci.OciException;
import dev.wharf.oci.ParsedManifest;
import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Pushing and pulling manifests and indexes (deletes: {@link ContentDeletion}). A push records its event in the
 * push's transaction; a pull is told to the event sink (no database write on the pull path).
 */
public final class ManifestService {
    private final ContentStore meta;
    private final RegistryLimits limits;
    private final TagGuard tags;
    private final EventSink events;
    private final Clock clock;

    public ManifestService(ContentStore meta) {
        this(meta, RegistryLimits.NONE, TagGuard.NONE, EventSink.NONE, Clock.systemUTC());
    }

    /**
     * {@code limits} is asked before a manifest is stored (unknown registries, repository limits); {@code tags}
     * says which tags are immutable; {@code events} hears of pulls.
     */
    public ManifestService(ContentStore meta, RegistryLimits limits, TagGuard tags, EventSink events, Clock clock) {
        this.meta = meta;
        this.limits = limits;
        this.tags = tags;
        this.events = events;
        this.clock = clock;
    }

    /** What a successful push tells the client. {@code subject} is null when the manifest has none. */
    public record Pushed(Digest digest, Digest subject) {
    }

    /**
     * Validates and stores a manifest under {@code reference}. When the reference is a digest it must be the
     * payload's digest; when it is a tag the tag moves to this manifest.
     */
    public Pushed put(RepositoryName repo, Reference reference, byte[] payload, String contentType, Origin who) {
        ParsedManifest parsed = ManifestParser.parse(payload, contentType);
        limits.beforePush(repo, null, 0);
        DescriptorSizes.check(meta, repo, parsed);
        Digest digest;
        String tag = null;
        if (reference instanceof Reference.ByDigest byDigest) {
            digest = Digest.of(byDigest.digest().algorithm(), payload);
            if (!digest.equals(byDigest.digest())) {
                throw ErrorCode.DIGEST_INVALID.exception("manifest digest does not match its content",
                        Map.of("expected", byDigest.digest().toString(), "actual", digest.toString()));
            }
        } else {
            digest = Digest.of(DigestAlgorithm.SHA256, payload);
            tag = ((Reference.Tag) reference).name();
        }
        Digest subject = parsed.subject() == null ? null : parsed.subject().digest();
        Digest config = parsed.config() == null ? null : parsed.config().digest();
        Event pushed = new Event.ManifestPushed(clock.instant(), who, repo, digest, parsed.mediaType(),
                payload.length, tag);
        meta.putManifest(new ManifestRecord(repo, digest, parsed.mediaType(), payload, parsed.artifactType(),
                subject, config, parsed.annotations() == null ? Map.of() : parsed.annotations(),
                parsed.requiredBlobs(), parsed.requiredManifests(), null), tag, tagMove(repo, tag), QuotaRule.INSTANCE,
                pushed);
        return new Pushed(digest, subject);
    }

    /** The manifest {@code digest} of {@code repo}, if it has it. */
    public Optional<ManifestRecord> find(RepositoryName repo, Digest digest) {
        return meta.manifestByDigest(repo, digest);
    }

    public ManifestRecord get(RepositoryName repo, Reference reference) {
        var found = switch (reference) {
            case Reference.ByDigest d -> meta.manifestByDigest(repo, d.digest());
            case Reference.Tag t -> meta.manifestByTag(repo, t.name());
        };
        return found.orElseThrow(() -> unknown(reference));
    }

    /** {@link #get} for a client that downloads the manifest (GET): the sink hears of the pull. */
    public ManifestRecord pull(RepositoryName repo, Reference reference, Origin who) {
        ManifestRecord m = get(repo, reference);
        events.emit(new Event.ManifestPulled(clock.instant(), who, repo, m.digest(),
                reference instanceof Reference.Tag t ? t.name() : null));
        return m;
    }

    /**
     * An immutable tag may be pushed again with the manifest it has, never moved to another one; the store asks
     * inside the write transaction, so of concurrent first pushes exactly one creates the tag.
     */
    private TagMove tagMove(RepositoryName repo, String tag) {
        if (tag == null || !tags.immutable(repo, tag)) {
            return TagMove.ANY;
        }
        return (current, next) -> {
            throw ErrorCode.DENIED.exception("tag " + tag + " of " + repo.value() + " is immutable: it points at "
                    + current + " and cannot be moved to " + next, Map.of("tag", tag));
        };
    }

    /** Descriptor of a stored manifest, as listed by the referrers API. */
    public static Descriptor descriptorOf(ManifestRecord m) {
        return new Descriptor(m.mediaType(), m.digest(), m.size(), m.artifactType(), m.annotations(), null, null);
    }

    /** MANIFEST_UNKNOWN for a reference that names nothing in the repository. */
    public static OciException unknown(Reference reference) {
        return ErrorCode.MANIFEST_UNKNOWN.exception("manifest unknown to registry",
                Map.of(reference instanceof Reference.Tag ? "tag" : "digest", reference.toString()));
    }

    /** MANIFEST_UNKNOWN for a reference that is neither a valid tag nor a valid digest. */
    public static OciException unknown(String reference) {
        String shown = reference.length() > 200 ? reference.substring(0, 200) : reference;
        return ErrorCode.MANIFEST_UNKNOWN.exception("manifest unknown to registry: not a valid tag or digest",
                Map.of("reference", shown));
    }
}
