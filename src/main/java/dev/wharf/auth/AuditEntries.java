package dev.wharf.auth;

import dev.wharf.events.Event;
import dev.wharf.events.Origin;

import java.util.Optional;

/**
 * What the audit log makes of a domain event: its stable action word, target and detail. Pulls are not audited
 * (they would flood the log); everything that changes state, and logins, are.
 */
public final class AuditEntries {
    private AuditEntries() {
    }

    /** The audit entry for {@code event}, or empty when the audit log does not keep such events. */
    public static Optional<AuditLog.Event> of(Event event) {
        return Optional.ofNullable(switch (event) {
            case Event.ManifestPushed e -> entry(e, "push", e.repository() + (e.tag() == null ? "@" + e.digest()
                    : ":" + e.tag()), e.digest().toString());
            case Event.ManifestDeleted e -> entry(e, "delete", e.repository() + "@" + e.digest(), "manifest");
            case Event.TagDeleted e -> entry(e, "delete", e.repository() + ":" + e.tag(), "tag");
            case Event.BlobDeleted e -> entry(e, "delete", e.repository() + "@" + e.digest(), "blob");
            case Event.RepositoryDeleted e -> entry(e, "delete", e.repository().value(), "repository");
            case Event.BlobMounted e -> entry(e, "mount", e.repository() + "@" + e.digest(), "from " + e.from());
            case Event.RegistryCreated e -> entry(e, "registry_create", e.registry(),
                    "tier " + e.tier() + ", region " + e.region());
            case Event.RegistryChanged e -> entry(e, "registry_update", e.registry(), "tier " + e.tier());
            case Event.RegistryDeleted e -> entry(e, "registry_delete", e.registry(), null);
            case Event.GcStarted e -> entry(e, "gc_start", scope(e.registry()),
                    e.gcType() + (e.dryRun() ? " (dry run)" : "") + ", run " + e.run());
            case Event.GcFinished e -> entry(e, "gc_finish", scope(e.registry()), e.status() + ": "
                    + e.blobsDeleted() + " blobs, " + e.manifestsDeleted() + " manifests, " + e.freedBytes()
                    + " bytes freed, run " + e.run());
            case Event.LoggedIn e -> new AuditLog.Event(e.at(), e.origin().actor(), "login", e.surface(),
                    e.origin().address(), e.origin().tokenId());
            case Event.LoginFailed e -> new AuditLog.Event(e.at(), e.origin().actor(), "login_failed", e.surface(),
                    e.origin().address(), null);
            case Event.ManifestPulled e -> null;
            case Event.BlobPulled e -> null;
        });
    }

    /** A registry, or {@code *} for the whole instance. */
    private static String scope(String registry) {
        return registry == null ? "*" : registry;
    }

    private static AuditLog.Event entry(Event e, String action, String target, String detail) {
        Origin o = e.origin();
        String token = o.tokenId() == null ? null : "(token " + o.tokenId() + ")";
        String shown = token == null ? detail : detail == null ? token : detail + " " + token;
        return new AuditLog.Event(e.at(), o.actor(), action, target, o.address(), shown);
    }
}
