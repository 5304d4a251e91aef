package dev.wharf.http.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness and readiness for orchestrators. {@code GET /health} answers 200 whenever the process serves HTTP (restart
 * me only if this fails); {@code GET /ready} runs the {@link ReadinessCheck}s in parallel, each bounded by a timeout,
 * and answers 200 or 503 (send me no traffic). Bodies name each check with "ok" or a one-line reason; details and
 * stack traces go to the log, once per change of state, so a failing probe does not flood it.
 */
public class HealthEndpoint extends Handler.Abstract {
    public static final String HEALTH = "/health";
    public static final String READY = "/ready";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 200;

    private final List<ReadinessCheck> checks;
    private final Duration timeout;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public HealthEndpoint(List<ReadinessCheck> checks) {
        this(checks, DEFAULT_TIMEOUT);
    }

    /** @param timeout how long all checks together may take before the slow ones count as failed */
    public HealthEndpoint(List<ReadinessCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws JsonProcessingException {
        String path = Request.getPathInContext(request);
        if (!HEALTH.equals(path) && !READY.equals(path)) {
            return false;
        }
        if (!Endpoints.isGetOrHead(request)) {
            Endpoints.methodNotAllowed(response, callback);
        } else if (HEALTH.equals(path)) {
            Endpoints.json(request, response, HttpStatus.OK_200, "{\"status\":\"ok\"}", callback);
        } else {
            Map<String, String> results = runChecks();
            boolean ready = results.values().stream().allMatch("ok"::equals);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready ? "ready" : "unavailable");
            body.put("checks", results);
            Endpoints.json(request, response, ready ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                    JSON.writeValueAsString(body), callback);
        }
        return true;
    }

    /** Runs all checks, each on its own virtual thread; returns name → "ok" or the reason it failed. */
    Map<String, String> runChecks() {
        List<FutureTask<Object>> tasks = new ArrayList<>();
        for (ReadinessCheck c : checks) {
            FutureTask<Object> task = new FutureTask<>(c.check()::call);
            Thread.ofVirtual().name("ready-" + c.name()).start(task);
            tasks.add(task);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> results = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            String name = checks.get(i).name();
            FutureTask<Object> task = tasks.get(i);
            Throwable failure = null;
            String reason;
            try {
                Object value = task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                reason = Boolean.FALSE.equals(value) ? "not ready" : null;
            } catch (TimeoutException e) {
                task.cancel(true);
                reason = "timed out after " + timeout.toMillis() + " ms";
            } catch (ExecutionException e) {
                failure = e.getCause();
                reason = describe(failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.cancel(true);
                reason = "interrupted";
            }
            results.put(name, reason == null ? "ok" : reason);
            logChange(name, reason, failure);
        }
        return results;
    }

    private void logChange(String name, String reason, Throwable failure) {
        if (reason == null) {
            if (failing.remove(name)) {
                LOG.info("Readiness check {} passes again", name);
            }
        } else if (failing.add(name)) {
            LOG.warn("Readiness check {} fails: {}", name, reason, failure);
        } else {
            LOG.debug("Readiness check {} still fails: {}", name, reason, failure);
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        String text = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
        text = text.strip().lines().findFirst().orElse("").strip();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
