package dev.wharf.http.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records every request that passes through it: a timer {@code http_server_requests_seconds} tagged with method,
 * route and status (with histogram buckets, so Prometheus can compute quantiles across nodes), and the body bytes
 * received and sent ({@code wharf_bytes_received_total}, {@code wharf_bytes_sent_total}).
 *
 * <p>Values are taken from Jetty's own request/response byte counts when the exchange completes, so the request and
 * response are not wrapped and zero-copy file responses stay zero-copy. The route comes from a caller-supplied
 * function that must return a small fixed set of names ({@code blob}, {@code manifest}, …): raw paths contain
 * repository names and digests and would make the metric unbounded.
 */
public class MetricsHandler extends Handler.Wrapper {
    /** The route tag for requests the route function cannot name. */
    public static final String OTHER = "other";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    private final Function<Request, String> routeOf;
    private final Counter received;
    private final Counter sent;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param registry          where meters are registered
     * @param routeOf           low-cardinality route name of a request; null or a failure counts as {@link #OTHER}
     * @param uploadsInProgress feeds the gauge {@code wharf_uploads_in_progress}; null registers no gauge
     */
    public MetricsHandler(MeterRegistry registry, Function<Request, String> routeOf, IntSupplier uploadsInProgress) {
        this(null, registry, routeOf, uploadsInProgress);
    }

    /** As {@link #MetricsHandler(MeterRegistry, Function, IntSupplier)}, wrapping {@code handler}. */
    public MetricsHandler(Handler handler, MeterRegistry registry, Function<Request, String> routeOf,
                          IntSupplier uploadsInProgress) {
        super(handler);
        this.registry = registry;
        this.routeOf = routeOf;
        this.received = Counter.builder("wharf.bytes.received")
                .description("Request body bytes received").register(registry);
        this.sent = Counter.builder("wharf.bytes.sent")
                .description("Response body bytes sent").register(registry);
        if (uploadsInProgress != null) {
            Gauge.builder("wharf.uploads.in.progress", uploadsInProgress, IntSupplier::getAsInt)
                    .description("Blob uploads started and not yet completed or cancelled")
                    .strongReference(true)
                    .register(registry);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        String route = route(request);
        Request.addCompletionListener(request, failure -> {
            long in = Request.getContentBytesRead(request);
            long out = Response.getContentBytesWritten(response);
            if (in > 0) {
                received.increment(in);
            }
            if (out > 0) {
                sent.increment(out);
            }
            timer(method, route, response.getStatus()).record(System.nanoTime() - start,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        });
        return super.handle(request, response, callback);
    }

    private String route(Request request) {
        try {
            String r = routeOf.apply(request);
            return r == null || r.isBlank() ? OTHER : r;
        } catch (RuntimeException e) {
            return OTHER;
        }
    }

    private Timer timer(String method, String route, int status) {
        String s = status <= 0 ? "0" : Integer.toString(status);
        return timers.computeIfAbsent(method + ' ' + route + ' ' + s, k -> Timer.builder("http.server.requests")
                .description("HTTP requests, from start of handling until the response is complete")
                .tags("method", method, "route", route, "status", s)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry));
    }
}
