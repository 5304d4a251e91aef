package dev.wharf.testing;

import dev.wharf.config.WharfConfig;
import dev.wharf.http.WharfServer;
import dev.wharf.http.api.ApiAssembly;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A real Wharf on an ephemeral loopback port with its own data directory; close() stops it. */
public final class TestRegistry implements AutoCloseable {
    private final WharfServer server;
    private final Path root;

    private TestRegistry(WharfServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    public static TestRegistry start() throws Exception {
        return start(c -> c);
    }

    public static TestRegistry start(UnaryOperator<WharfConfig> customize) throws Exception {
        return start(customize, ApiAssembly.Seams.none());
    }

    /** A server whose management API uses {@code seams} (accounts, auth, GC). */
    public static TestRegistry start(UnaryOperator<WharfConfig> customize, ApiAssembly.Seams seams) throws Exception {
        Path root = Files.createTempDirectory("wharf-test");
        WharfConfig config = configFor(root, true, Map.of());
        WharfConfig custom = customize.apply(config);
        return new TestRegistry(WharfServer.start(custom, seams), custom.storage().root());
    }

    /** Config for a server on {@code root}, for tests that need a non-default setting. */
    public static WharfConfig configFor(Path root, boolean deleteEnabled, Map<String, List<String>> headers) {
        WharfConfig d = WharfConfig.defaults();
        return d.withHttp(new WharfConfig.Http("127.0.0.1:0", headers))
                .withStorage(new WharfConfig.Storage(root, deleteEnabled))
                .withRegistries(d.registries().withApiAddr("127.0.0.1:0"));
    }

    public WharfServer server() {
        return server;
    }

    public URI uri() {
        return server.baseUri();
    }

    /** {@code 127.0.0.1:<port>}, as image references name it. */
    public String hostPort() {
        return "127.0.0.1:" + server.port();
    }

    /** The management API's own listener. */
    public URI apiUri() {
        return URI.create("http://127.0.0.1:" + server.apiPort());
    }

    /** The accounts, roles, tokens and audit log the server authenticates against. */
    public dev.wharf.auth.accounts.AccountServices accounts() {
        return server.accounts();
    }

    public Path root() {
        return root;
    }

    public RegistryClient client() {
        return new RegistryClient(uri());
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
