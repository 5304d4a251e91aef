package dev.wharf.discovery.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GET requests with the provider's timeout, retrying connection errors, timeouts, 5xx and 429 with
 * {@link Backoff}; at most {@code permits} requests are in flight. Redirects are followed here, not by the JDK
 * client, so credentials are never sent to another host (a blob redirect to object storage, for instance).
 */
public final class Retrier {
    private static final int MAX_REDIRECTS = 5;
    /** Manifests, configs and reports are small; a larger declared body is refused unread. */
    static final long MAX_BODY = 64L << 20;
    private static final HttpResponse.BodyHandler<byte[]> CAPPED = info ->
            info.headers().firstValueAsLong("Content-Length").orElse(-1) > MAX_BODY
                    ? HttpResponse.BodySubscribers.replacing(null) : HttpResponse.BodySubscribers.ofByteArray();

    private final HttpClient http;
    private final Duration timeout;
    private final int retries;
    private final Backoff backoff;
    private final Semaphore permits;
    private final Clock clock;
    private final AtomicLong retried = new AtomicLong();

    public Retrier(HttpClient http, Duration timeout, int retries, Backoff backoff, int permits, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.retries = retries;
        this.backoff = backoff;
        this.permits = new Semaphore(permits);
        this.clock = clock;
    }

    /** How many retries this retrier has made so far (for the run summary). */
    public long retried() {
        return retried.get();
    }

    /**
     * GETs {@code uri} with {@code headers} (name, value pairs) and returns the final response, which may be any
     * status except a retryable one. Throws {@link CallFailedException} when retries run out.
     */
    public Response get(URI uri, String... headers) {
        String what = "GET " + uri.getRawPath();
        for (int attempt = 0; ; attempt++) {
            Optional<String> retryAfter = Optional.empty();
            String failure;
            int status = 0;
            try {
                Response r = follow(uri, headers);
                if (r.status() != 429 && r.status() < 500) {
                    return r;
                }
                status = r.status();
                retryAfter = r.header("Retry-After");
                failure = what + " answered HTTP " + status;
            } catch (HttpTimeoutException e) {
                failure = what + " timed out after " + timeout.toSeconds() + "s";
            } catch (IOException e) {
                failure = what + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (attempt >= retries) {
                throw new CallFailedException(failure + " (" + (attempt + 1) + " attempts)", status);
            }
            retried.incrementAndGet();
            sleep(backoff.delay(attempt, retryAfter, clock));
        }
    }

    private Response follow(URI uri, String[] headers) throws IOException {
        URI current = uri;
        boolean sameOrigin = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Response r = once(current, sameOrigin ? headers : withoutAuthorization(headers));
            Optional<String> location = r.header("Location");
            if (!isRedirect(r.status()) || location.isEmpty()) {
                return r;
            }
            URI next = current.resolve(location.get());
            sameOrigin = sameOrigin && sameOrigin(uri, next);
            current = next;
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
    }

    private Response once(URI uri, String[] headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            permits.acquire();
            try {
                HttpResponse<byte[]> r = http.send(b.build(), CAPPED);
                if (r.body() == null && r.headers().firstValueAsLong("Content-Length").orElse(0) > MAX_BODY) {
                    throw new CallFailedException("GET " + uri.getRawPath() + " answered more than "
                            + (MAX_BODY >> 20) + " MiB; refused", r.statusCode());
                }
                return new Response(r.statusCode(), r.headers(), r.body() == null ? new byte[0] : r.body(), uri);
            } finally {
                permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    private static String[] withoutAuthorization(String[] headers) {
        var out = new java.util.ArrayList<String>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (!headers[i].equalsIgnoreCase("Authorization")) {
                out.add(headers[i]);
                out.add(headers[i + 1]);
            }
        }
        return out.toArray(String[]::new);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailedException("interrupted while waiting to retry", 0);
        }
    }
}
