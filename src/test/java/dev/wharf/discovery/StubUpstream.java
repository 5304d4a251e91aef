package dev.wharf.discovery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.oci.Digest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small misbehaving registry on a loopback port: each repository serves one image at tag {@code 1.0}, and
 * repositories named {@code flaky/rate}, {@code flaky/unavailable} and {@code slow/app} answer their tag list with
 * 429 + Retry-After once, 503 twice, or after 3 seconds. {@code _catalog} is refused with 403 as GHCR does. With
 * {@code bearer}, every request needs a token for its scope from {@code /token}, which wants Basic user:secret.
 * {@code /v2/repositories/<name>/} answers as Docker Hub's web API does.
 */
final class StubUpstream implements AutoCloseable {
    static final String USER = "robot";
    static final String SECRET = "s3cr3t-pa55word";
    static final String CREATED = "2024-05-01T00:00:00Z";

    private final HttpServer server;
    private final boolean bearer;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final List<Long> rateLimitedArrivals = new CopyOnWriteArrayList<>();
    final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<String> tokenScopes = new CopyOnWriteArrayList<>();
    final Set<String> repositories;
    /** When set, blobs are answered with a 307 to {@code <blobRedirect>/<digest>}, as registries on object storage do. */
    volatile URI blobRedirect;

    StubUpstream(boolean bearer, String... repositories) throws IOException {
        this.bearer = bearer;
        this.repositories = Set.of(repositories);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange ex) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (ex) {
            String path = ex.getRequestURI().getPath();
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            if (path.equals("/token")) {
                token(ex);
                return;
            }
            if (path.startsWith("/v2/repositories/")) {
                String repo = path.substring("/v2/repositories/".length(), path.length() - 1);
                boolean known = repositories.contains(repo);
                send(ex, known ? 200 : 404, known ? "{\"description\":\"Official build of " + repo + "\","
                        + "\"star_count\":42,\"pull_count\":1000000,\"last_updated\":\"2024-06-01T00:00:00Z\","
                        + "\"is_automated\":false}" : "{}", "application/json");
                return;
            }
            if (path.equals("/v2/")) {
                if (bearer && !authorized(ex, "")) {
                    challenge(ex, null);
                } else {
                    send(ex, 200, "{}", "application/json");
                }
                return;
            }
            if (path.equals("/v2/_catalog")) {
                if (bearer && !authorized(ex, "registry:catalog:*")) {
                    challenge(ex, "registry:catalog:*");
                    return;
                }
                send(ex, 403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"catalog not supported\"}]}",
                        "application/json");
                return;
            }
            String rest = path.substring("/v2/".length());
            int cut = rest.indexOf("/tags/list");
            if (cut < 0) {
                cut = rest.indexOf("/manifests/");
            }
            if (cut < 0) {
                cut = rest.indexOf("/blobs/");
            }
            String repo = cut < 0 ? "" : rest.substring(0, cut);
            if (!repositories.contains(repo)) {
                send(ex, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}", "application/json");
                return;
            }
            String scope = "repository:" + repo + ":pull";
            if (bearer && !authorized(ex, scope)) {
                challenge(ex, scope);
                return;
            }
            String op = rest.substring(cut);
            if (op.equals("/tags/list")) {
                tags(ex, repo, hits.get(path).get());
            } else if (op.startsWith("/manifests/")) {
                send(ex, 200, manifest(repo), Pusher.OCI_MANIFEST);
            } else if (blobRedirect != null) {
                ex.getResponseHeaders().add("Location", blobRedirect + "/" + op.substring("/blobs/".length()));
                send(ex, 307, new byte[0], "text/plain");
            } else {
                byte[] b = blobs.get(op.substring("/blobs/".length()));
                send(ex, b == null ? 404 : 200, b == null ? new byte[0] : b, "application/octet-stream");
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void tags(HttpExchange ex, String repo, int attempt) throws IOException {
        switch (repo) {
            case "flaky/rate" -> {
                rateLimitedArrivals.add(System.nanoTime());
                if (attempt == 1) {
                    ex.getResponseHeaders().add("Retry-After", "1");
                    send(ex, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}", "application/json");
                    return;
                }
            }
            case "flaky/unavailable" -> {
                if (attempt <= 2) {
                    send(ex, 503, "unavailable", "text/plain");
                    return;
                }
            }
            case "busy/a", "busy/b", "busy/c", "busy/d", "busy/e", "busy/f" -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "slow/app" -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {
            }
        }
        send(ex, 200, "{\"name\":\"" + repo + "\",\"tags\":[\"1.0\"]}", "application/json");
    }

    /** One image per repository; its config and layer are registered as blobs. */
    byte[] manifest(String repo) {
        byte[] config = ("{\"created\":\"" + CREATED + "\",\"os\":\"linux\",\"architecture\":\"amd64\","
                + "\"config\":{\"Labels\":{\"repo\":\"" + repo + "\"}}}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repo).getBytes(StandardCharsets.UTF_8);
        Digest c = Digest.sha256(config);
        Digest l = Digest.sha256(layer);
        blobs.put(c.toString(), config);
        blobs.put(l.toString(), layer);
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + Pusher.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + l
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    byte[] blob(String digest) {
        return blobs.get(digest);
    }

    private void token(HttpExchange ex) throws IOException {
        int n = tokenRequests.incrementAndGet(); // one number per request, so concurrent tokens never share a name
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"details\":\"incorrect username or password\"}", "application/json");
            return;
        }
        String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        String scope = "";
        for (String kv : query.split("&")) {
            if (kv.startsWith("scope=")) {
                scope = java.net.URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
            }
        }
        tokenScopes.add(scope);
        String token = "tok-" + n;
        tokens.put(token, scope);
        send(ex, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}", "application/json");
    }

    private boolean authorized(HttpExchange ex, String scope) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        String granted = tokens.get(h.substring(7));
        return granted != null && (scope.isEmpty() || granted.equals(scope));
    }

    private void challenge(HttpExchange ex, String scope) throws IOException {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + uri() + "/token\",service=\"stub\""
                + (scope == null ? "" : ",scope=\"" + scope + "\""));
        send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", "application/json");
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        send(ex, status, body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
