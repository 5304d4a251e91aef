package dev.wharf.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.config.ConfigException;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestCerts;
import dev.wharf.testing.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TLS from PEM files with HTTP/2 by ALPN and HTTP/1.1 fallback, checked with the JDK's HTTP client. */
class TlsTest {
    @TempDir
    Path dir;

    private static HttpClient client(TestCerts.Issued trusted, HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().sslContext(TestCerts.trusting(trusted.certificate())).version(version)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8", "RSA, PKCS1_OR_SEC1", "EC, PKCS8", "EC, PKCS1_OR_SEC1"})
    void servesHttp2AndHttp11OverTls(String algorithm, TestCerts.KeyFormat format) throws Exception {
        KeyPair keys = algorithm.equals("RSA") ? TestCerts.rsa() : TestCerts.ec();
        TestCerts.Issued cert = TestCerts.selfSigned(keys);
        Path[] files = TestCerts.write(dir, "server", cert, format);
        assertThat(Files.readString(files[1])).contains(format == TestCerts.KeyFormat.PKCS8 ? "BEGIN PRIVATE KEY"
                : algorithm.equals("RSA") ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY");
        try (TestRegistry registry = TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[0], files[1])))) {
            assertServes(registry.uri(), cert);
        }
    }

    /** HTTP/2 and HTTP/1.1 by IP and by name; a client not trusting {@code cert} is refused by its own TLS stack. */
    private static void assertServes(URI uri, TestCerts.Issued cert) throws Exception {
        assertThat(uri.getScheme()).isEqualTo("https");
        try (HttpClient h2Client = client(cert, HttpClient.Version.HTTP_2);
             HttpClient h1Client = client(cert, HttpClient.Version.HTTP_1_1)) {
            HttpResponse<String> h2 = h2Client.send(
                    HttpRequest.newBuilder(uri.resolve("/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h2.statusCode()).isEqualTo(200);
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            HttpResponse<String> h1 = h1Client.send(
                    HttpRequest.newBuilder(uri.resolve("/v2/_catalog")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h1.statusCode()).isEqualTo(200);
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            // the SNI host check is off and the certificate lists both names
            HttpResponse<String> byName = h2Client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + uri.getPort() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(byName.statusCode()).isEqualTo(200);
        }
        TestCerts.Issued other = TestCerts.selfSigned(TestCerts.ec());
        try (HttpClient untrusting = client(other, HttpClient.Version.HTTP_2)) {
            assertThatThrownBy(() -> untrusting.send(
                    HttpRequest.newBuilder(uri.resolve("/v2/")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    /** Key files exactly as openssl writes them: PKCS#8, traditional RSA (PKCS#1) and SEC1 EC with named curve. */
    @ParameterizedTest
    @CsvSource({"rsa:2048, pkey, BEGIN PRIVATE KEY", "rsa:2048, rsa -traditional, BEGIN RSA PRIVATE KEY",
            "ec -pkeyopt ec_paramgen_curve:P-256, ec, BEGIN EC PRIVATE KEY",
            "ec -pkeyopt ec_paramgen_curve:P-384, ec, BEGIN EC PRIVATE KEY"})
    void opensslKeyFilesWork(String newKey, String convert, String header) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
                "openssl is not installed; skipping");
        Path crt = dir.resolve("o.crt");
        Path raw = dir.resolve("raw.key");
        Path key = dir.resolve("o.key");
        run("openssl req -x509 -newkey " + newKey + " -nodes -days 2 -subj /CN=wharf-test -addext"
                + " subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " + raw + " -out " + crt);
        run("openssl " + convert + " -in " + raw + " -out " + key);
        assertThat(Files.readString(key)).contains(header);
        var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(crt));
        try (TestRegistry registry = TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(crt, key)))) {
            assertServes(registry.uri(), new TestCerts.Issued(null, cert));
        }
    }

    private static void run(String command) throws Exception {
        Process p = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + "\n" + out).isZero();
    }

    @Test
    void tokenRealmFollowsTheSchemeAndHostTheClientUsed() throws Exception {
        TestCerts.Issued cert = TestCerts.selfSigned(TestCerts.ec());
        Path[] files = TestCerts.write(dir, "t", cert, TestCerts.KeyFormat.PKCS8);
        try (TestRegistry registry = TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[0], files[1]))
                .withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN, null,
                        new WharfConfig.Token(null, "svc", "wharf", null, null, Duration.ofMinutes(5)), List.of())));
             HttpClient client = client(cert, HttpClient.Version.HTTP_2)) {
            int port = registry.uri().getPort();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/v2/a/b/tags/list")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"https://localhost:" + port
                    + "/auth/token\",service=\"svc\",scope=\"repository:a/b:pull\"");
            HttpResponse<String> t = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                    + "/auth/token?service=svc&scope=repository:a/b:pull")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(t.statusCode()).isEqualTo(200);
            assertThat(t.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
    }

    @Test
    void largeBlobsStreamBothWaysOverHttp2() throws Exception {
        TestCerts.Issued cert = TestCerts.selfSigned(TestCerts.ec());
        Path[] files = TestCerts.write(dir, "big", cert, TestCerts.KeyFormat.PKCS8);
        byte[] blob = new byte[12 * 1024 * 1024 + 3];
        new java.util.Random(7).nextBytes(blob);
        dev.wharf.oci.Digest digest = dev.wharf.oci.Digest.sha256(blob);
        try (TestRegistry registry = TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[0], files[1])));
             HttpClient client = client(cert, HttpClient.Version.HTTP_2)) {
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(registry.uri().resolve(
                    "/v2/h2/big/blobs/uploads/?digest=" + digest)).POST(HttpRequest.BodyPublishers.ofByteArray(blob))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            assertThat(put.version()).isEqualTo(HttpClient.Version.HTTP_2);
            HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(registry.uri().resolve(
                    "/v2/h2/big/blobs/" + digest)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(dev.wharf.oci.Digest.sha256(get.body())).isEqualTo(digest);
        }
    }

    @Test
    void certificateChainIsServedLeafFirst() throws Exception {
        TestCerts.Issued ca = TestCerts.certificate("wharf-test-ca", TestCerts.ec(), null, true);
        TestCerts.Issued leaf = TestCerts.certificate("wharf-test-leaf", TestCerts.ec(), ca, false);
        Path[] files = TestCerts.write(dir, "chain", leaf, TestCerts.KeyFormat.PKCS8, ca.certificate());
        try (TestRegistry registry = TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[0], files[1])))) {
            // trusting only the CA works because the server sends the chain
            try (HttpClient client = client(ca, HttpClient.Version.HTTP_2)) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(registry.uri().resolve("/v2/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void badKeyFilesFailAtStartNamingTheSetting() throws Exception {
        TestCerts.Issued cert = TestCerts.selfSigned(TestCerts.ec());
        Path[] files = TestCerts.write(dir, "a", cert, TestCerts.KeyFormat.PKCS8);
        Path[] other = TestCerts.write(dir, "b", TestCerts.selfSigned(TestCerts.ec()), TestCerts.KeyFormat.PKCS8);
        assertThatThrownBy(() -> TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[0], other[1]))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("http.tls.key:")
                .hasMessageContaining("does not match the certificate");
        Path encrypted = Files.writeString(dir.resolve("enc.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[0], encrypted))))
                .hasMessageStartingWith("http.tls.key:").hasMessageContaining("encrypted");
        assertThatThrownBy(() -> TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[1], files[1]))))
                .hasMessageStartingWith("http.tls.certificate:");
        Path noKey = Files.writeString(dir.resolve("nokey.pem"), TestCerts.pem(cert.certificate()));
        assertThatThrownBy(() -> TestRegistry.start(c -> c.withTls(new WharfConfig.Tls(files[0], noKey))))
                .hasMessageStartingWith("http.tls.key:").hasMessageContaining("no PEM private key");
    }
}
