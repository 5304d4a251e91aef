package dev.wharf.app;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.ChainedVerifier;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.LoginAttempts;
import dev.wharf.auth.MemoryLoginAttempts;
import dev.wharf.auth.RegistryRoles;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.auth.htpasswd.HtpasswdVerifier;
import dev.wharf.config.ConfigException;
import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcModule;
import dev.wharf.gc.GcRules;
import dev.wharf.gc.GcService;
import dev.wharf.meta.CachingMetadataStore;
import dev.wharf.meta.GcStore;
import dev.wharf.meta.JdbcGcStore;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.meta.MetadataStore;
import dev.wharf.meta.RegistryRecord;
import dev.wharf.meta.RegistryStore;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDeletion;
import dev.wharf.content.TagGuard;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;
import dev.wharf.content.RegistryLimits;
import dev.wharf.content.StagedBytes;
import dev.wharf.content.UploadService;
import dev.wharf.tenancy.QuotaEnforcer;
import dev.wharf.tenancy.RegistryContent;
import dev.wharf.tenancy.RegistryService;
import dev.wharf.tenancy.UncompressedSizes;
import dev.wharf.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The composition root: the one place that turns a {@link WharfConfig} into storage, metadata (with its read cache),
 * the registry services, garbage collection and the credential check, and the only one that calls {@code new} on
 * their implementations. {@code wharf serve} ({@link dev.wharf.http.WharfServer}) puts HTTP in front of an open one;
 * every CLI command that works on the data opens one in a lighter {@link Mode}. Closing it closes what it opened.
 */
public final class Wharf implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wharf.class);

    /** How much of Wharf a process needs. */
    public enum Mode {
        /** {@code wharf serve}: everything; GC and upload purging run in the background; SQLite reads are cached. */
        SERVE,
        /** Commands on content ({@code wharf gc}): storage, metadata, services and GC; nothing in the background. */
        CONTENT,
        /** Commands on metadata only (accounts, registries, repositories): no blob store, no GC, no uploads. */
        METADATA
    }

    private final WharfConfig config;
    private final Mode mode;
    private final List<AutoCloseable> opened = new ArrayList<>(); // closed in reverse
    private BlobStore blobs;
    private MetadataStore meta;
    private AccountServices accounts;
    private LoginAttempts loginAttempts;
    private CredentialCheck logins;
    private GcModule gc;
    private QuotaEnforcer limits;
    private RegistryService registries;
    private RegistryContent content;
    private ContentDeletion deletion;
    private UploadService uploads;
    private BlobService blobService;
    private ManifestService manifests;
    private ContentDiscovery discovery;

    private Wharf(WharfConfig config, Mode mode) {
        this.config = config;
        this.mode = mode;
    }

    /** Opens Wharf for {@code mode}; the registry owner's admin role is granted through Wharf's own accounts. */
    public static Wharf open(WharfConfig config, Mode mode) throws IOException {
        return open(config, mode, null);
    }

    /**
     * As {@link #open(WharfConfig, Mode)}; {@code roles} (null: the accounts' own) receives the admin role of each
     * registry's owner, so tests can stand in for accounts.
     */
    public static Wharf open(WharfConfig config, Mode mode, RegistryRoles roles) throws IOException {
        Wharf w = new Wharf(config, mode);
        try {
            w.assemble(roles);
            return w;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private void assemble(RegistryRoles rolesOverride) throws IOException {
        Clock clock = Clock.systemUTC();
        if (mode == Mode.SERVE || config.database().url() == null) {
            Files.createDirectories(config.storage().root());
        }
        if (mode != Mode.METADATA) {
            blobs = own(BlobStores.open(config.storage()));
        }
        JdbcMetadataStore jdbc = own(JdbcMetadataStore.open(config.jdbcUrl(), config.database().username(),
                config.database().password()));
        // Embedded SQLite is written by this process alone, so reads can be served from memory coherently.
        CachingMetadataStore cache = mode == Mode.SERVE && config.jdbcUrl().startsWith("jdbc:sqlite:")
                ? new CachingMetadataStore(jdbc, 32L << 20) : null;
        meta = cache != null ? cache : jdbc;
        accounts = AccountServices.create(jdbc, config.auth().publicRepositories());
        if (mode == Mode.SERVE) {
            loginAttempts = MemoryLoginAttempts.standard();
            // one limiter and one audit log behind every check of a presented secret, whichever surface it reaches
            logins = new CredentialCheck(credentials(accounts.verifier()), loginAttempts, accounts.audit());
        }

        RegistryStore registryStore = jdbc.registries();
        if (blobs != null) {
            // GC writes past the cache: it tells the cache which repositories it changed once they commit
            Consumer<RepositoryName> gcChanged = cache != null ? cache::invalidate : repo -> { };
            GcStore gcStore = JdbcGcStore.on(jdbc, gcChanged);
            Predicate<String> registryAllowsGc =
                    registry -> registryStore.find(registry).map(RegistryRecord::gcEnabled).orElse(true);
            gc = own(mode == Mode.SERVE ? GcModule.start(config.gc(), gcStore, blobs, registryAllowsGc, clock)
                    : GcModule.offline(config.gc(), gcStore, blobs));
        }
        limits = new QuotaEnforcer(registryStore, meta, config.registries().required(), clock);
        RegistryRoles roles = rolesOverride != null ? rolesOverride
                : mode == Mode.SERVE ? accounts.roles() : new OwnerRoles(accounts);
        registries = new RegistryService(registryStore, meta, config.registries(), roles, limits::refresh);
        // one service for deletes behind every surface (data plane, UI, API, CLI)
        TagGuard tagGuard = gc != null ? gc.tagGuard() : TagGuard.NONE;
        deletion = new ContentDeletion(meta, tagGuard, config.storage().deleteEnabled(), clock);
        content = new RegistryContent(registryStore, meta, deletion,
                blobs == null ? null : new UncompressedSizes(registryStore, blobs));
        if (blobs == null) {
            return;
        }
        // upload locks shared by every node on PostgreSQL, in-process on SQLite
        uploads = new UploadService(blobs, meta, clock, limits, stagedBytes(), own(jdbc.newUploadLocks()));
        // the services' events reach the audit log (writes through the outbox, logins and pulls directly)
        blobService = new BlobService(blobs, meta, accounts.audit(), clock);
        manifests = new ManifestService(meta, limits, tagGuard, accounts.audit(), clock);
        discovery = new ContentDiscovery(meta);
        if (mode == Mode.SERVE) {
            uploads.recountStaged();
            own(Maintenance.start(uploads, config.uploads(), accounts::deliverPendingEvents));
        }
    }

    /** Wharf's accounts, and the htpasswd file's users first when one is configured (as registry:2 asks it). */
    private CredentialVerifier credentials(CredentialVerifier accountVerifier) {
        WharfConfig.Htpasswd htpasswd = config.auth().htpasswd();
        if (htpasswd == null) {
            return accountVerifier;
        }
        try {
            return new ChainedVerifier(new HtpasswdVerifier(htpasswd.path()), accountVerifier);
        } catch (IOException e) {
            throw new ConfigException("auth.htpasswd.path", "cannot read " + htpasswd.path() + ": " + e);
        }
    }

    /** The instance-wide cap on bytes in unfinished uploads, resolved against the storage volume's free space. */
    private StagedBytes stagedBytes() throws IOException {
        if (mode != Mode.SERVE) {
            return new StagedBytes(Long.MAX_VALUE); // no uploads arrive through a command
        }
        long usable = Files.getFileStore(config.storage().root()).getUsableSpace();
        long cap = config.uploads().maxStaged().resolve(usable);
        log.info("unfinished uploads may hold up to {} bytes", cap);
        return new StagedBytes(cap);
    }

    private <T extends AutoCloseable> T own(T part) {
        opened.add(part);
        return part;
    }

    public WharfConfig config() {
        return config;
    }

    public Mode mode() {
        return mode;
    }

    public BlobStore blobs() {
        return present(blobs, "storage");
    }

    /** The metadata as the services read it: behind the read cache when serving on SQLite. */
    public MetadataStore meta() {
        return meta;
    }

    /** Accounts, roles, tokens, docker credentials and the audit log. */
    public AccountServices accounts() {
        return accounts;
    }

    /** The access policy of the data plane, the UI and the management API. */
    public AccessPolicy policy() {
        return accounts.policy();
    }

    /** The one throttled, audited check of every presented secret ({@link Mode#SERVE} only). */
    public CredentialCheck logins() {
        return present(logins, "the credential check");
    }

    /** The failed-login limiter behind {@link #logins()} ({@link Mode#SERVE} only). */
    public LoginAttempts loginAttempts() {
        return present(loginAttempts, "the login limiter");
    }

    /** Garbage collection runs, for the CLI, the management API and the UI. */
    public GcService gc() {
        return present(gc, "garbage collection").control();
    }

    /** Retention policies, immutability rules and maintenance windows. */
    public GcRules gcRules() {
        return present(gc, "garbage collection").rules();
    }

    /** Quotas and bandwidth: the hooks of the upload, manifest and pull paths. */
    public RegistryLimits limits() {
        return limits;
    }

    public RegistryService registries() {
        return registries;
    }

    /** Registries' repositories, tags and manifests as the management API and {@code wharf repo} list them. */
    public ContentDeletion deletion() {
        return present(deletion, "content deletion");
    }

    public RegistryContent content() {
        return content;
    }

    public UploadService uploads() {
        return present(uploads, "uploads");
    }

    public BlobService blobService() {
        return present(blobService, "blob service");
    }

    public ManifestService manifests() {
        return present(manifests, "manifest service");
    }

    public ContentDiscovery discovery() {
        return present(discovery, "content discovery");
    }

    private <T> T present(T part, String what) {
        if (part == null) {
            throw new IllegalStateException(what + " is not opened in mode " + mode);
        }
        return part;
    }

    /** Stops background work, then closes GC, the metadata database and storage, the reverse of opening. */
    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("closing {} failed", opened.get(i).getClass().getSimpleName(), e);
            }
        }
        opened.clear();
    }
}
