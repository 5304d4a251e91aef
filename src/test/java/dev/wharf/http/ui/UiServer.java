package dev.wharf.http.ui;

import dev.wharf.app.Wharf;
import dev.wharf.http.auth.OpenAuthenticator;
import dev.wharf.http.v2.V2Handler;
import dev.wharf.meta.MetadataStore;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Wharf data plane (open, as with no auth configured) plus the web UI with sign-in, on a loopback port:
 * the real blob store, SQLite metadata and services from the composition root, with test accounts, an in-memory
 * audit log and a recording GC control for the seams whose stored implementations live elsewhere. The UI's clock
 * can be moved forward.
 */
final class UiServer implements AutoCloseable {
    final TestAccounts accounts = new TestAccounts();
    final MemoryAuditLog audit = new MemoryAuditLog();
    final RecordingGcControl gc = new RecordingGcControl();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    /** The registries the overview shows: derived from repository names unless a test sets its own. */
    final AtomicReference<RegistrySummaries> registries = new AtomicReference<>();
    private final Server server;
    private final Wharf wharf;
    private final MetadataStore meta;
    private final ServerConnector connector;
    private final Sessions sessions;

    UiServer() throws Exception {
        Path root = Files.createTempDirectory("wharf-ui-test");
        // the services as a command opens them: no background work, reads straight from the database
        wharf = Wharf.open(TestRegistry.configFor(root, true, java.util.Map.of()), Wharf.Mode.CONTENT);
        meta = wharf.meta();
        // the in-memory audit log takes committed events from the outbox, as the stored one does in a server
        var sql = ((dev.wharf.meta.JdbcMetadataStore) meta).sql();
        sql.onEventsCommitted(() -> sql.write(s -> {
            var batch = dev.wharf.meta.EventOutbox.next(s, "ui-test-audit", 1000);
            batch.forEach(e -> audit.emit(e.event()));
            if (!batch.isEmpty()) {
                dev.wharf.meta.EventOutbox.advance(s, "ui-test-audit", batch.getLast());
            }
            return null;
        }));
        BlobService blobService = wharf.blobService();
        ManifestService manifests = wharf.manifests();
        ContentDiscovery discovery = wharf.discovery();
        Handler v2 = new V2Handler(blobService, wharf.uploads(), manifests, discovery, wharf.deletion(),
                new OpenAuthenticator());
        Clock uiClock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        registries.set(new MetadataRegistrySummaries(meta));
        UiAssembly assembly = new UiAssembly(meta, manifests, blobService, discovery).deletion(wharf.deletion())
                .auth(accounts, accounts).gc(gc)
                .registries(() -> registries.get().list())
                .audit(audit).sessions(Duration.ofMinutes(30), Duration.ofHours(12), uiClock);
        Handler ui = assembly.build();
        sessions = assembly.sessions();
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(ui, v2));
        server.start();
    }

    MetadataStore meta() {
        return meta;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    String hostPort() {
        return "127.0.0.1:" + connector.getLocalPort();
    }

    RegistryClient client() {
        return new RegistryClient(uri());
    }

    /** Server-side UI sessions held now. */
    int sessionCount() {
        return sessions.size();
    }

    void advanceClock(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public void close() throws Exception {
        server.stop();
        wharf.close();
    }
}
