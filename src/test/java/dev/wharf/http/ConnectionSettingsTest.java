package dev.wharf.http;

import dev.wharf.config.WharfConfig;
import dev.wharf.testing.RawHttp;
import dev.wharf.testing.TestRegistry;
import dev.wharf.testing.UploadCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection settings on the wire, on the main port and the management API's: a connection trickling its headers
 * is closed after the header timeout, an idle keep-alive one after the idle timeout, a body whose bytes keep
 * flowing is never cut, and beyond the connection cap a new connection waits until one closes.
 */
class ConnectionSettingsTest {
    static final Duration BOUND = Duration.ofSeconds(10);
    static final Duration STEP = Duration.ofMillis(100);

    static TestRegistry start(Path root, WharfConfig.Connections connections) throws Exception {
        return TestRegistry.start(c -> {
            WharfConfig base = TestRegistry.configFor(root, true, Map.of());
            return base.withHttp(new WharfConfig.Http(base.http().addr(), base.http().headers(), connections));
        });
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    @Test
    void halfSentHeaders_areClosedAfterTheHeaderTimeout_onBothListeners(@TempDir Path root) throws Exception {
        try (TestRegistry registry = start(root, new WharfConfig.Connections(Duration.ofMillis(300),
                Duration.ofMinutes(5), 100))) {
            for (int port : List.of(registry.server().port(), registry.server().apiPort())) {
                try (RawHttp c = new RawHttp(port)) {
                    c.send("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
                    // a byte every step: never idle, and the headers never end
                    assertThat(c.closedWithin(BOUND, STEP, () -> c.send("a"))).as("port " + port).isTrue();
                }
            }
        }
    }

    @Test
    void laterRequestOnAKeptConnection_isHeldToTheHeaderTimeoutToo(@TempDir Path root) throws Exception {
        try (TestRegistry registry = start(root, new WharfConfig.Connections(Duration.ofMillis(300),
                Duration.ofMinutes(5), 100));
             RawHttp c = new RawHttp(registry.server().port())) {
            assertThat(c.send(get("/v2/")).readResponse(BOUND)).contains(" 200");
            c.send("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            assertThat(c.closedWithin(BOUND, STEP, () -> c.send("a"))).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnection_isClosedAfterTheIdleTimeout(@TempDir Path root) throws Exception {
        try (TestRegistry registry = start(root, new WharfConfig.Connections(Duration.ofMinutes(5),
                Duration.ofMillis(500), 100))) {
            for (int port : List.of(registry.server().port(), registry.server().apiPort())) {
                try (RawHttp c = new RawHttp(port)) {
                    c.send(get(port == registry.server().port() ? "/v2/" : "/v2/registries"));
                    c.readResponse(BOUND);
                    assertThat(c.closedWithin(BOUND, STEP, () -> { })).as("port " + port).isTrue();
                }
            }
        }
    }

    @Test
    void bodyWhoseBytesKeepFlowing_isNotCutByEitherTimeout(@TempDir Path root) throws Exception {
        try (TestRegistry registry = start(root, new WharfConfig.Connections(Duration.ofMillis(300),
                Duration.ofMillis(500), 100))) {
            URI location = URI.create(new UploadCalls(registry.client()).start("slow/app"));
            try (RawHttp c = new RawHttp(registry.server().port())) {
                c.send("PATCH " + location.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
                byte[] chunk = UploadCalls.bytes(4096, 1);
                for (int i = 0; i < 20; i++) { // 2 s of body: longer than both timeouts
                    c.send("1000\r\n").send(chunk).send("\r\n");
                    Thread.sleep(STEP.toMillis());
                }
                c.send("0\r\n\r\n");
                assertThat(c.readResponse(BOUND)).contains(" 202");
            }
        }
    }

    @Test
    void beyondTheConnectionCap_aNewConnectionWaitsUntilOneCloses_onBothListeners(@TempDir Path root)
            throws Exception {
        try (TestRegistry registry = start(root, new WharfConfig.Connections(Duration.ofMinutes(5),
                Duration.ofMinutes(5), 2))) {
            for (int port : List.of(registry.server().port(), registry.server().apiPort())) {
                String path = port == registry.server().port() ? "/v2/" : "/v2/registries";
                try (RawHttp first = new RawHttp(port); RawHttp second = new RawHttp(port);
                     RawHttp third = new RawHttp(port)) {
                    assertThat(first.send(get(path)).readResponse(BOUND)).startsWith("HTTP/1.1");
                    assertThat(second.send(get(path)).readResponse(BOUND)).startsWith("HTTP/1.1");
                    third.send(get(path));
                    assertThat(third.silentFor(Duration.ofSeconds(1))).as("port " + port).isTrue();
                    first.close();
                    assertThat(third.readResponse(BOUND)).startsWith("HTTP/1.1");
                }
            }
        }
    }
}
