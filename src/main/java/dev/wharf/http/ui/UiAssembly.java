package dev.wharf.http.ui;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.LoginAttempts;
import dev.wharf.gc.GcControl;
import dev.wharf.meta.RepositoryListings;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ContentDeletion;
import dev.wharf.content.ManifestService;
import dev.wharf.content.inspect.ImageInspector;
import org.eclipse.jetty.server.Handler;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the web UI handler ({@code /ui/…}, {@code /api/repos}, {@code /api/tags/…}) from the registry services and
 * the optional auth, GC and audit seams:
 * <pre>
 * Handler ui = new UiAssembly(meta, manifests, blobs, discovery).deletion(deletion).auth(verifier, policy).gc(gc)
 *         .audit(audit).build();
 * </pre>
 * Without {@link #auth} the UI is open, like the data plane of a server without auth: everyone may do everything.
 */
public final class UiAssembly {
    private final RepositoryListings meta;
    private final ManifestService manifests;
    private final BlobService blobs;
    private final ContentDiscovery discovery;
    private CredentialVerifier verifier;
    private CredentialCheck logins;
    private AccessPolicy policy;
    private LoginAttempts attempts = LoginAttempts.NONE;
    private GcControl gc;
    private AuditLog audit;
    private RegistrySummaries registries;
    private ContentDeletion deletion;
    private Clock clock = Clock.systemUTC();
    private Duration idle = Duration.ofMinutes(30);
    private Duration lifetime = Duration.ofHours(12);
    private Sessions sessions;

    public UiAssembly(RepositoryListings meta, ManifestService manifests, BlobService blobs,
                      ContentDiscovery discovery) {
        this.meta = Objects.requireNonNull(meta);
        this.manifests = Objects.requireNonNull(manifests);
        this.blobs = Objects.requireNonNull(blobs);
        this.discovery = Objects.requireNonNull(discovery);
    }

    /**
     * Sign-in with these credentials, throttled by {@link #loginAttempts} and audited in {@link #audit}; what each
     * account sees and does follows {@code policy}.
     */
    public UiAssembly auth(CredentialVerifier verifier, AccessPolicy policy) {
        this.verifier = Objects.requireNonNull(verifier);
        this.logins = null;
        this.policy = Objects.requireNonNull(policy);
        return this;
    }

    /** Sign-in and HTTP Basic through the server's one {@link CredentialCheck} (its limiter, its audit log). */
    public UiAssembly auth(CredentialCheck logins, AccessPolicy policy) {
        this.logins = Objects.requireNonNull(logins);
        this.verifier = null;
        this.policy = Objects.requireNonNull(policy);
        return this;
    }

    public UiAssembly loginAttempts(LoginAttempts attempts) {
        this.attempts = Objects.requireNonNull(attempts);
        return this;
    }

    /** Null leaves garbage collection out: the GC page says it is unavailable. */
    public UiAssembly gc(GcControl gc) {
        this.gc = gc;
        return this;
    }

    /** Null leaves the activity page out. Sign-ins and deletes through the UI are recorded here. */
    public UiAssembly audit(AuditLog audit) {
        this.audit = audit;
        return this;
    }

    /** Registries with tiers and quotas; by default they are derived from repository names. */
    public UiAssembly registries(RegistrySummaries registries) {
        this.registries = registries;
        return this;
    }

    /** The delete rules (required): the UI reads through the listings only and deletes through these. */
    public UiAssembly deletion(ContentDeletion deletion) {
        this.deletion = deletion;
        return this;
    }

    /** Sessions end after {@code idle} without a request, and {@code lifetime} after sign-in at the latest. */
    public UiAssembly sessions(Duration idle, Duration lifetime, Clock clock) {
        this.idle = Objects.requireNonNull(idle);
        this.lifetime = Objects.requireNonNull(lifetime);
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** The session store of the last {@link #build} (tests observe its size). */
    Sessions sessions() {
        return sessions;
    }

    public Handler build() {
        sessions = new Sessions(clock, idle, lifetime);
        CredentialCheck check = logins != null ? logins
                : verifier != null ? new CredentialCheck(verifier, attempts, audit, clock) : null;
        UiContext ctx = new UiContext(meta, manifests, new ImageInspector(meta, manifests, blobs, discovery),
                registries != null ? registries : new MetadataRegistrySummaries(meta), check, policy,
                gc, audit, Objects.requireNonNull(deletion, "deletion"), sessions, new CsrfTokens(), clock);
        return new UiHandler(ctx);
    }
}
