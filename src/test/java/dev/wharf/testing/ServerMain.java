package dev.wharf.testing;

import dev.wharf.config.WharfConfig;
import dev.wharf.http.WharfServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a Wharf server in its own JVM for tests that kill it: {@code ServerMain <root> <port-file>}. Writes the
 * bound port to the port file once listening. {@code -Dwharf.test.gc=<grace>,<lease>,<interval>} sets garbage
 * collection's timings.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        WharfConfig config = TestRegistry.configFor(root, true, Map.of());
        String gc = System.getProperty("wharf.test.gc"); // grace,lease,interval
        if (gc != null) {
            String[] g = gc.split(",");
            config = config.withGc(new WharfConfig.Gc(dev.wharf.config.Durations.parse(g[0]),
                    dev.wharf.config.Durations.parse(g[1]), dev.wharf.config.Durations.parse(g[2]), true));
        }
        WharfServer server = WharfServer.start(config);
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, String.valueOf(server.port()));
        Files.move(tmp, Path.of(args[1]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
