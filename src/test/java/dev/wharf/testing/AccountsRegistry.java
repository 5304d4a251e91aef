package dev.wharf.testing;

import dev.wharf.auth.LoginAttempts;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.http.auth.BasicAuthenticator;
import dev.wharf.http.v2.V2Handler;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;
import dev.wharf.content.UploadService;
import dev.wharf.storage.fs.FilesystemBlobStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The data plane on a loopback port with HTTP Basic auth against Wharf's accounts, tokens and docker credentials,
 * their access policy and audit log (until the server's own configuration can select this mode).
 */
public final class AccountsRegistry implements AutoCloseable {
    private final JdbcMetadataStore meta;
    private final FilesystemBlobStore blobs;
    private final AccountServices accounts;
    private final Server server;
    private final ServerConnector connector;

    private AccountsRegistry(Path dir) throws Exception {
        Files.createDirectories(dir);
        meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("wharf.db"), null, null);
        blobs = new FilesystemBlobStore(dir);
        accounts = AccountServices.create(meta.sql(), Clock.systemUTC(), false);
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new V2Handler(new BlobService(blobs, meta), new UploadService(blobs, meta, Clock.systemUTC()),
                new ManifestService(meta), new ContentDiscovery(meta), new dev.wharf.content.ContentDeletion(meta),
                new BasicAuthenticator(accounts.verifier(), accounts.policy(), LoginAttempts.NONE, "wharf"),
                dev.wharf.content.RegistryLimits.NONE));
    }

    public static AccountsRegistry start(Path dir) throws Exception {
        AccountsRegistry r = new AccountsRegistry(dir);
        try {
            r.server.start();
        } catch (Exception e) {
            r.close();
            throw e;
        }
        return r;
    }

    public AccountServices accounts() {
        return accounts;
    }

    public URI uri() {
        return URI.create("http://" + hostPort());
    }

    public String hostPort() {
        return "127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            meta.close();
            blobs.close();
        }
    }
}
