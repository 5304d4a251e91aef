package dev.wharf.http.ui;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.gc.GcControl;
import dev.wharf.events.Origin;
import dev.wharf.meta.RepositoryListings;
import dev.wharf.content.ContentDeletion;
import dev.wharf.content.ManifestService;
import dev.wharf.content.inspect.ImageInspector;

import java.time.Clock;

/**
 * What the UI's handlers share: the services they call and the optional features. {@code logins} (the server's one
 * check of presented secrets) and {@code policy} are null on an open server; {@code gc} and {@code audit} are null
 * when the feature is absent.
 */
record UiContext(RepositoryListings meta, ManifestService manifests, ImageInspector inspector,
                 RegistrySummaries registries, CredentialCheck logins, AccessPolicy policy,
                 GcControl gc, AuditLog audit, ContentDeletion deletion, Sessions sessions, CsrfTokens csrf,
                 Clock clock) {

    boolean open() {
        return logins == null;
    }

    /** Whose secrets are accepted (null on an open server). */
    CredentialVerifier verifier() {
        return logins == null ? null : logins.verifier();
    }

    /** Whether deletes are allowed ({@link ContentDeletion} holds the rule; the UI only shows it). */
    boolean deleteEnabled() {
        return deletion.enabled();
    }

    /** The viewer of {@code call} as the services record it in events. */
    static Origin origin(UiCall call, Viewer viewer) {
        return new Origin(viewer.principal().isAnonymous() ? "anonymous" : viewer.name(),
                dev.wharf.http.auth.RemoteAddress.of(call.request), viewer.principal().tokenId());
    }
}
