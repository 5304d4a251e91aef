package dev.wharf.http;

import dev.wharf.app.Wharf;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl;
import dev.wharf.gc.GcRules;
import dev.wharf.http.api.ApiAssembly;
import dev.wharf.http.auth.AuthAssembly;
import dev.wharf.http.listen.Listeners;
import dev.wharf.http.observe.HealthEndpoint;
import dev.wharf.http.observe.MetricsEndpoint;
import dev.wharf.http.observe.MetricsHandler;
import dev.wharf.http.observe.ReadinessCheck;
import dev.wharf.http.observe.StorageGauge;
import dev.wharf.http.tls.TlsConnector;
import dev.wharf.http.ui.MetadataRegistrySummaries;
import dev.wharf.http.ui.TenantRegistrySummaries;
import dev.wharf.http.ui.UiAssembly;
import dev.wharf.http.v2.V2Handler;
import dev.wharf.content.UploadService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Wharf on HTTP: the handlers, listeners and error handler of one Jetty server, put in front of an open
 * {@link Wharf} (the composition root, which built storage, metadata, services, GC and the credential check). Nothing
 * in Wharf is global; tests start as many servers as they like.
 */
public final class WharfServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WharfServer.class);

    private final Wharf wharf;
    private final Server server;
    private final ServerConnector connector;
    private final String scheme;
    private final ApiAssembly api;

    private WharfServer(Wharf wharf, ApiAssembly.Seams seams) throws Exception {
        this.wharf = wharf;
        WharfConfig config = wharf.config();
        AccountServices accounts = wharf.accounts();
        CredentialCheck logins = wharf.logins();
        AuthAssembly auth = AuthAssembly.create(config, logins, wharf.policy());
        // the management API's stand-ins (tests) get the same limiter and audit log as every other surface
        CredentialCheck apiLogins = seams.verifier() == null ? logins
                : new CredentialCheck(seams.verifier(), wharf.loginAttempts(), accounts.audit());
        api = ApiAssembly.create(config, wharf.registries(), wharf.content(), new ApiAssembly.Seams(
                seams.verifier() != null ? seams.verifier() : logins.verifier(),
                seams.policy() != null ? seams.policy() : accounts.policy(),
                seams.roles() != null ? seams.roles() : accounts.roles(),
                seams.issuer() != null ? seams.issuer() : accounts.issuer(),
                seams.gc() != null ? seams.gc() : wharf.gc()));
        UploadService uploads = wharf.uploads();

        Handler v2 = new V2Handler(wharf.blobService(), uploads, wharf.manifests(), wharf.discovery(),
                wharf.deletion(), auth.authenticator(), wharf.limits());
        UiAssembly uiAssembly = new UiAssembly(wharf.meta(), wharf.manifests(), wharf.blobService(), wharf.discovery())
                .deletion(wharf.deletion())
                .audit(accounts.audit())
                .gc(wharf.gc())
                .registries(new TenantRegistrySummaries(wharf.registries(),
                        new MetadataRegistrySummaries(wharf.meta())));
        if (config.auth().mode() != WharfConfig.Auth.Mode.NONE) {
            uiAssembly.auth(logins, accounts.policy());
        }
        Handler ui = uiAssembly.build();
        PrometheusMeterRegistry metrics = MetricsEndpoint.newRegistry();
        StorageGauge.register(metrics, wharf.blobs()::freeBytes);
        Gauge.builder("wharf.uploads.staged.bytes", uploads, UploadService::stagedBytes)
                .description("Bytes held in unfinished uploads").register(metrics);
        Handler endpoints = new Handler.Sequence(
                new HealthEndpoint(List.of(
                        new ReadinessCheck("storage", () -> { wharf.blobs().check(); return true; }),
                        new ReadinessCheck("database", () -> { wharf.meta().check(); return true; }))),
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
    }

    /** Builds and starts a server; it listens when this returns. */
    public static WharfServer start(WharfConfig config) throws Exception {
        return start(config, ApiAssembly.Seams.none());
    }

    /** Builds and starts a server whose management API uses {@code seams} (accounts, auth, GC). */
    public static WharfServer start(WharfConfig config, ApiAssembly.Seams seams) throws Exception {
        Wharf wharf = Wharf.open(config, Wharf.Mode.SERVE, seams.roles());
        WharfServer s;
        try {
            s = new WharfServer(wharf, seams);
        } catch (Exception | Error e) {
            wharf.close();
            throw e;
        }
        try {
            s.server.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        log.info("Wharf listening on {}", s.baseUri());
        return s;
    }

    /** The composition root this server runs on (and closes). */
    public Wharf wharf() {
        return wharf;
    }

    /** Accounts, roles, tokens and the audit log this server authenticates against. */
    public AccountServices accounts() {
        return wharf.accounts();
    }

    /** Garbage collection runs, for the CLI, the management API and the UI. */
    public GcControl gc() {
        return wharf.gc();
    }

    /** Retention policies, immutability rules and maintenance windows. */
    public GcRules gcRules() {
        return wharf.gcRules();
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

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            wharf.close();
        }
    }
}
