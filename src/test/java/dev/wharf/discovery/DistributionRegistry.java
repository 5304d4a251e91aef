package dev.wharf.discovery;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * CNCF Distribution ({@code /usr/bin/docker-registry}, Debian's 2.8.2) on a loopback port with filesystem storage
 * in a temporary directory, with htpasswd or token auth.
 */
final class DistributionRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    static final String USER = "pusher";
    static final String PASSWORD = "distribution-pa55";

    private final Process process;
    private final int port;

    private DistributionRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** With htpasswd (Basic) auth. */
    static DistributionRegistry start(Path dir) throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, USER + ":" + BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()) + "\n");
        return start(dir, """
                  htpasswd:
                    realm: distribution
                    path: %s
                """.formatted(htpasswd));
    }

    /** With Docker token auth: Bearer tokens from {@code issuer}. */
    static DistributionRegistry start(Path dir, TokenIssuer issuer) throws Exception {
        Path bundle = issuer.writeCertificate(dir.resolve("token.pem"));
        return start(dir, """
                  token:
                    realm: %s
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(issuer.realm(), TokenIssuer.SERVICE, TokenIssuer.ISSUER, bundle));
    }

    private static DistributionRegistry start(Path dir, String auth) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                auth:
                """.formatted(dir.resolve("data"), port) + auth);
        Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        DistributionRegistry r = new DistributionRegistry(p, port);
        r.awaitListening(dir.resolve("registry.log"));
        return r;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private void awaitListening(Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri().resolve("/v2/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 401 || r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not start listening: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
