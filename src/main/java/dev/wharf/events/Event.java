package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;

/**
 * Something that happened, as the service that did it knows it (never inferred from an HTTP status). The type
 * names in {@link JsonSubTypes} are stable: they are stored in the outbox and read back by consumers.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Event.ManifestPushed.class, name = "manifest_pushed"),
        @JsonSubTypes.Type(value = Event.ManifestPulled.class, name = "manifest_pulled"),
        @JsonSubTypes.Type(value = Event.BlobPulled.class, name = "blob_pulled"),
        @JsonSubTypes.Type(value = Event.ManifestDeleted.class, name = "manifest_deleted"),
        @JsonSubTypes.Type(value = Event.TagDeleted.class, name = "tag_deleted"),
        @JsonSubTypes.Type(value = Event.BlobDeleted.class, name = "blob_deleted"),
        @JsonSubTypes.Type(value = Event.BlobMounted.class, name = "blob_mounted"),
        @JsonSubTypes.Type(value = Event.RepositoryDeleted.class, name = "repository_deleted"),
        @JsonSubTypes.Type(value = Event.RegistryCreated.class, name = "registry_created"),
        @JsonSubTypes.Type(value = Event.RegistryChanged.class, name = "registry_changed"),
        @JsonSubTypes.Type(value = Event.RegistryDeleted.class, name = "registry_deleted"),
        @JsonSubTypes.Type(value = Event.GcStarted.class, name = "gc_started"),
        @JsonSubTypes.Type(value = Event.GcFinished.class, name = "gc_finished"),
        @JsonSubTypes.Type(value = Event.LoggedIn.class, name = "login"),
        @JsonSubTypes.Type(value = Event.LoginFailed.class, name = "login_failed")})
public sealed interface Event {

    Instant at();

    Origin origin();

    /** A manifest was stored (again) in a repository; {@code tag} (null: pushed by digest) now points at it. */
    record ManifestPushed(Instant at, Origin origin, RepositoryName repository, Digest digest, String mediaType,
                          long size, String tag) implements Event {
    }

    /** A manifest was served (GET); {@code tag} is the tag asked for, null when asked by digest. */
    record ManifestPulled(Instant at, Origin origin, RepositoryName repository, Digest digest, String tag)
            implements Event {
    }

    /** A blob's content was served (GET). */
    record BlobPulled(Instant at, Origin origin, RepositoryName repository, Digest digest) implements Event {
    }

    /** A manifest and every tag pointing at it were deleted. */
    record ManifestDeleted(Instant at, Origin origin, RepositoryName repository, Digest digest) implements Event {
    }

    /** One tag was deleted; its manifest stays. */
    record TagDeleted(Instant at, Origin origin, RepositoryName repository, String tag) implements Event {
    }

    /** A blob was unlinked from a repository (its bytes stay until garbage collection). */
    record BlobDeleted(Instant at, Origin origin, RepositoryName repository, Digest digest) implements Event {
    }

    /** A blob of {@code from} was linked into {@code repository} without uploading it again. */
    record BlobMounted(Instant at, Origin origin, RepositoryName from, RepositoryName repository, Digest digest)
            implements Event {
    }

    /** A repository's tags, manifests and blob links were deleted. */
    record RepositoryDeleted(Instant at, Origin origin, RepositoryName repository) implements Event {
    }

    record RegistryCreated(Instant at, Origin origin, String registry, String tier, String region)
            implements Event {
    }

    /** A registry's plan changed: its tier, quota or garbage collection switch. */
    record RegistryChanged(Instant at, Origin origin, String registry, String tier) implements Event {
    }

    record RegistryDeleted(Instant at, Origin origin, String registry) implements Event {
    }

    /** A garbage collection run was requested; {@code registry} null: the whole instance. */
    record GcStarted(Instant at, Origin origin, String run, String registry, String gcType, boolean dryRun)
            implements Event {
    }

    /** A garbage collection run ended with {@code status} (succeeded, failed). */
    record GcFinished(Instant at, Origin origin, String run, String registry, String status, long blobsDeleted,
                      long manifestsDeleted, long freedBytes) implements Event {
    }

    /** A presented secret was accepted at {@code surface} ({@code v2}, {@code token}, {@code api}, {@code ui}). */
    record LoggedIn(Instant at, Origin origin, String surface) implements Event {
    }

    /** A presented secret was refused; {@code origin.actor()} is the username the client gave. */
    record LoginFailed(Instant at, Origin origin, String surface) implements Event {
    }
}
