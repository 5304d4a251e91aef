package dev.wharf.testing;

import dev.wharf.config.WharfConfig;
import dev.wharf.http.WharfServer;

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
        Path root = Files.createTempDirectory("wharf-test");
        WharfConfig d = WharfConfig.defaults();
        WharfConfig config = new WharfConfig(new WharfConfig.Http("127.0.0.1:0", Map.of()),
                new WharfConfig.Storage(root, true), d.database(), d.uploads(), d.log());
        return new TestRegistry(WharfServer.start(customize.apply(config)), root);
    }

    /** Config for a server on {@code root}, for tests that need a non-default setting. */
    public static WharfConfig configFor(Path root, boolean deleteEnabled, Map<String, List<String>> headers) {
        WharfConfig d = WharfConfig.defaults();
        return new WharfConfig(new WharfConfig.Http("127.0.0.1:0", headers),
                new WharfConfig.Storage(root, deleteEnabled), d.database(), d.uploads(), d.log());
    }

    public URI uri() {
        return server.baseUri();
    }

    /** {@code 127.0.0.1:<port>}, as image references name it. */
    public String hostPort() {
        return "127.0.0.1:" + server.port();
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
