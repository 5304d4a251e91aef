package dev.wharf.http.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observability handlers in a real Jetty on a loopback port, driven by the JDK's HTTP client. */
class ObserveHandlersTest {
    private final PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private URI base;

    /** Echoes PUT /v2/blob bodies with 201, throws on /v2/boom, and leaves everything else unhandled (404). */
    private static final class App extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (path.equals("/v2/boom")) {
                throw new IllegalStateException("boom");
            }
            if (!path.startsWith("/v2/blob")) {
                return false;
            }
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            response.setStatus(201);
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        HealthEndpoint health = new HealthEndpoint(List.of(
                new ReadinessCheck("storage", () -> true),
                new ReadinessCheck("database", () -> {
                    if (!databaseUp.get()) {
                        throw new IllegalStateException("connection refused\n\tat some.Driver.connect");
                    }
                    return null;
                })), Duration.ofSeconds(2));
        Handler.Sequence routes = new Handler.Sequence(health, new MetricsEndpoint(registry), new App());
        server.setHandler(new MetricsHandler(routes, registry, ObserveHandlersTest::route, uploads::get));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private static String route(Request request) {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/v2/blob")) {
            return "blob";
        }
        return path.equals("/metrics") || path.equals("/health") || path.equals("/ready") ? path.substring(1) : null;
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        client.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return client.send(HttpRequest.newBuilder(base.resolve(path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void healthIsAlwaysOk() throws Exception {
        databaseUp.set(false);
        HttpResponse<String> r = send("GET", "/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(send("HEAD", "/health", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/health", "").statusCode()).isEqualTo(405);
    }

    @Test
    void readyReportsEachCheck() throws Exception {
        HttpResponse<String> r = send("GET", "/ready", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"storage\":\"ok\",\"database\":\"ok\"}}");
    }

    @Test
    void readyFailsWithTheCheckNameAndAShortReason() throws Exception {
        databaseUp.set(false);
        HttpResponse<String> r = send("GET", "/ready", null);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo(
                "{\"status\":\"unavailable\",\"checks\":{\"storage\":\"ok\",\"database\":\"connection refused\"}}");
        databaseUp.set(true);
        assertThat(send("GET", "/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void slowAndFalseChecksAreNotReady() {
        HealthEndpoint h = new HealthEndpoint(List.of(
                new ReadinessCheck("slow", () -> {
                    Thread.sleep(30_000);
                    return null;
                }),
                new ReadinessCheck("false", () -> false),
                new ReadinessCheck("npe", () -> {
                    throw new NullPointerException();
                })), Duration.ofSeconds(2));
        // A check that never answers is reported as timed out; the quick ones still report their own outcome.
        assertThat(h.runChecks()).containsExactly(
                java.util.Map.entry("slow", "timed out after 2000 ms"),
                java.util.Map.entry("false", "not ready"),
                java.util.Map.entry("npe", "NullPointerException"));
    }

    @Test
    void metricsExposeRequestTimersWithRouteAndStatus() throws Exception {
        assertThat(send("PUT", "/v2/blob/upload", "hello").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/v2/nothing-here", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v2/boom", null).statusCode()).isEqualTo(500);
        uploads.set(3);
        eventually(() -> registry.find("http.server.requests").timers().size() >= 3);

        HttpResponse<String> r = send("GET", "/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
        assertThat(r.body())
                .contains("http_server_requests_seconds_count{method=\"PUT\",route=\"blob\",status=\"201\"} 1")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"other\",status=\"404\"} 1")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"other\",status=\"500\"} 1")
                .contains("http_server_requests_seconds_bucket{method=\"PUT\",route=\"blob\",status=\"201\",le=")
                .contains("wharf_uploads_in_progress 3.0")
                .contains("wharf_bytes_received_total")
                .contains("wharf_bytes_sent_total")
                .contains("jvm_memory_used_bytes");
        assertThat(send("HEAD", "/metrics", null).body()).isEmpty();
    }

    @Test
    void bytesCountersFollowRequestAndResponseBodies() throws Exception {
        String body = "x".repeat(100_000);
        assertThat(send("PUT", "/v2/blob/big", body).body()).hasSize(100_000);
        eventually(() -> registry.get("wharf.bytes.received").counter().count() >= 100_000);
        eventually(() -> registry.get("wharf.bytes.sent").counter().count() >= 100_000);
        assertThat(registry.get("wharf.bytes.received").counter().count()).isEqualTo(100_000);
        assertThat(registry.get("wharf.bytes.sent").counter().count()).isEqualTo(100_000);

        send("PUT", "/v2/blob/small", "abc");
        eventually(() -> registry.get("wharf.bytes.received").counter().count() >= 100_003);
        assertThat(registry.get("wharf.bytes.received").counter().count()).isEqualTo(100_003);
    }

    @Test
    void unknownMethodsAreOneTagValue() throws Exception {
        send("PROPFIND", "/v2/blob/x", null);
        send("BREW", "/v2/blob/x", null);
        eventually(() -> registry.find("http.server.requests").tag("method", "OTHER").timer() != null
                && registry.find("http.server.requests").tag("method", "OTHER").timer().count() == 2);
    }
}
