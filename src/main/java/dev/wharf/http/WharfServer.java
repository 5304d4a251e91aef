package dev.wharf.http;

import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.LoginAttempts;
import dev.wharf.auth.MemoryLoginAttempts;
import dev.wharf.config.WharfConfig;
import dev.wharf.http.auth.AuthAssembly;
import dev.wharf.http.api.ApiAssembly;
import dev.wharf.gc.GcControl;
import dev.wharf.gc.GcModule;
import dev.wharf.gc.GcRules;
import dev.wharf.http.observe.HealthEndpoint;
import dev.wharf.http.observe.MetricsEndpoint;
import dev.wharf.http.observe.MetricsHandler;
import dev.wharf.http.observe.ReadinessCheck;
import dev.wharf.http.observe.StorageGauge;
import dev.wharf.http.listen.Listeners;
import dev.wharf.http.tls.TlsConnector;
import dev.wharf.http.ui.MetadataRegistrySummaries;
import dev.wharf.http.ui.TenantRegistrySummaries;
import dev.wharf.http.ui.UiAssembly;
import dev.wharf.http.v2.V2Handler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.wharf.meta.CachingMetadataStore;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.meta.MetadataStore;
import dev.wharf.registry.BlobService;
import dev.wharf.registry.ContentDeletion;
import dev.wharf.registry.ContentDiscovery;
import dev.wharf.registry.ManifestService;
import dev.wharf.registry.StagedBytes;
import dev.wharf.registry.UploadService;
import dev.wharf.storage.BlobStore;
import dev.wharf.storage.fs.FilesystemBlobStore;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: builds storage, metadata, services and handlers from a {@link WharfConfig} and runs
 * them in one Jetty server. Nothing in Wharf is global; tests start as many servers as they like.
 */
public final class WharfServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WharfServer.class);

    private final Server server;
    private final BlobStore blobs;
    private final MetadataStore meta;
    private final ScheduledExecutorService maintenance;
    private final ServerConnector connector;
    private final AccountServices accounts;
    private final String scheme;
    private final ApiAssembly api;
    private final GcModule gc;

    private WharfServer(WharfConfig config, ApiAssembly.Seams seams) throws Exception {
        Files.createDirectories(config.storage().root());
        blobs = new FilesystemBlobStore(config.storage().root(), config.storage().minFreeBytes());
        JdbcMetadataStore jdbc = JdbcMetadataStore.open(config.jdbcUrl(), config.database().username(), config.database().password());
        // Embedded SQLite is written by this process alone, so reads can be served from memory coherently.
        meta = config.jdbcUrl().startsWith("jdbc:sqlite:") ? new CachingMetadataStore(jdbc, 32L << 20) : jdbc;
        accounts = AccountServices.create(jdbc, config.auth().publicRepositories());
        LoginAttempts loginAttempts = MemoryLoginAttempts.standard();
        AuthAssembly auth = AuthAssembly.forConfig(config, accounts.verifier(), accounts.policy(), loginAttempts,
                accounts.audit());
        Clock clock = Clock.systemUTC();
        gc = GcModule.start(config.gc(), blobs, jdbc, meta, clock);
        // one limiter and one audit log behind every check of a presented secret, whichever surface it reaches
        CredentialCheck logins = auth.logins();
        CredentialCheck apiLogins = seams.verifier() == null ? logins
                : new CredentialCheck(seams.verifier(), loginAttempts, accounts.audit());
        // one service for deletes behind every surface; the audit log hears of events (outbox and logins)
        ContentDeletion deletion = new ContentDeletion(meta, gc.tagGuard(), config.storage().deleteEnabled(), clock);
        api = ApiAssembly.create(config, jdbc.registries(), meta, blobs, deletion, new ApiAssembly.Seams(
                seams.verifier() != null ? seams.verifier() : auth.credentials(),
                seams.policy() != null ? seams.policy() : accounts.policy(),
                seams.roles() != null ? seams.roles() : accounts.roles(),
                seams.issuer() != null ? seams.issuer() : accounts.issuer(),
                seams.gc() != null ? seams.gc() : gc.control()), clock);
        UploadService uploads = new UploadService(blobs, meta, clock, api.limits(), stagedBytes(config));
        uploads.recountStaged();

        BlobService blobService = new BlobService(blobs, meta, accounts.audit(), clock);
        ManifestService manifests = new ManifestService(meta, api.limits(), gc.tagGuard(), accounts.audit(), clock);
        ContentDiscovery discovery = new ContentDiscovery(meta);
        Handler v2 = new V2Handler(blobService, uploads, manifests, discovery, deletion, auth.authenticator(),
                api.limits());
        UiAssembly uiAssembly = new UiAssembly(meta, manifests, blobService, discovery)
                .deletion(deletion)
                .audit(accounts.audit())
                .gc(gc.control())
                .registries(new TenantRegistrySummaries(api.registries(), new MetadataRegistrySummaries(meta)));
        if (config.auth().mode() != WharfConfig.Auth.Mode.NONE) {
            uiAssembly.auth(logins, accounts.policy());
        }
        Handler ui = uiAssembly.build();
        PrometheusMeterRegistry metrics = MetricsEndpoint.newRegistry();
        StorageGauge.register(metrics, blobs::freeBytes);
        Gauge.builder("wharf.uploads.staged.bytes", uploads, UploadService::stagedBytes)
                .description("Bytes held in unfinished uploads").register(metrics);
        Handler endpoints = new Handler.Sequence(
                new HealthEndpoint(List.of(
                        new ReadinessCheck("storage", () -> { blobs.check(); return true; }),
                        new ReadinessCheck("database", () -> { meta.check(); return true; }))),
                new MetricsEndpoint(metrics),
                auth.tokenEndpoint() != null ? auth.tokenEndpoint() : new Handler.Sequence(),
                ui,
                api.handler(this::port, apiLogins),
                new Routes(v2));
        Handler root = new ResponseHeadersHandler(config.http().headers(),
                new MetricsHandler(endpoints, metrics, V2Handler::routeName, uploads::writesInProgress));

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("wharf");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // Wharf parses raw path segments itself and refuses traversal with NAME_INVALID (see V2Router).
        http.setUriCompliance(UriCompliance.UNSAFE);
        Listeners listeners = new Listeners(server, config.http().connections());
        connector = config.tls() == null ? listeners.plain(config.http().addr(), "wharf", http)
                : listeners.open(config.http().addr(), "wharf",
                        s -> TlsConnector.create(s, config.tls(), http, listeners::http1));
        scheme = config.tls() == null ? "http" : "https";
        api.listen((name, addr) -> listeners.plain(addr, name, http));
        server.setHandler(root);
        server.setErrorHandler(new OciErrorHandler());
        server.setStopTimeout(10_000);

        maintenance = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("wharf-maintenance").unstarted(r));
        long every = Math.max(1, config.uploads().purgeInterval().toSeconds());
        maintenance.scheduleWithFixedDelay(() -> purge(uploads, config), 0, every, TimeUnit.SECONDS);
        // events committed but not yet audited (a crash, another node's failed delivery): at start, then now and then
        maintenance.scheduleWithFixedDelay(() -> deliverEvents(accounts), 0, 10, TimeUnit.SECONDS);
    }

    /** Builds and starts a server; it listens when this returns. */
    public static WharfServer start(WharfConfig config) throws Exception {
        return start(config, ApiAssembly.Seams.none());
    }

    /** Builds and starts a server whose management API uses {@code seams} (accounts, auth, GC). */
    public static WharfServer start(WharfConfig config, ApiAssembly.Seams seams) throws Exception {
        WharfServer s = new WharfServer(config, seams);
        try {
            s.server.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        log.info("Wharf listening on {}", s.baseUri());
        return s;
    }

    /** Accounts, roles, tokens and the audit log this server authenticates against. */
    public AccountServices accounts() {
        return accounts;
    }

    /** Garbage collection runs, for the CLI, the management API and the UI. */
    public GcControl gc() {
        return gc.control();
    }

    /** Retention policies, immutability rules and maintenance windows. */
    public GcRules gcRules() {
        return gc.rules();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The management API's own port, or -1 when it has no listener of its own. */
    public int apiPort() {
        return api.port();
    }

    public URI baseUri() {
        String host = connector.getHost() == null || connector.getHost().isEmpty() ? "localhost" : connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create(scheme + "://" + host + ":" + port());
    }

    /** The instance-wide cap on bytes in unfinished uploads, resolved against the storage volume's free space. */
    private static StagedBytes stagedBytes(WharfConfig config) throws java.io.IOException {
        long usable = Files.getFileStore(config.storage().root()).getUsableSpace();
        long cap = config.uploads().maxStaged().resolve(usable);
        log.info("unfinished uploads may hold up to {} bytes", cap);
        return new StagedBytes(cap);
    }

    private static void deliverEvents(AccountServices accounts) {
        try {
            accounts.deliverPendingEvents();
        } catch (RuntimeException e) {
            log.warn("delivering committed events to the audit log failed; will retry", e);
        }
    }

    private static void purge(UploadService uploads, WharfConfig config) {
        try {
            int n = uploads.purgeIdle(config.uploads().expiry());
            if (n > 0) {
                log.info("removed {} abandoned uploads idle for more than {}", n, config.uploads().expiry());
            }
        } catch (RuntimeException e) {
            log.warn("upload purge failed; will retry", e);
        }
    }

    @Override
    public void close() throws Exception {
        maintenance.shutdownNow();
        try {
            server.stop();
        } finally {
            gc.close();
            meta.close();
            blobs.close();
        }
    }
}
