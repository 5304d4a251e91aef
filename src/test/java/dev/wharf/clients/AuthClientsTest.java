package dev.wharf.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestCerts;
import dev.wharf.testing.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo logging in to Wharf: htpasswd credentials made by the real {@code htpasswd -Bbn} over TLS with a
 * self-signed certificate trusted through {@code --cert-dir} (verification on), and the Docker token flow.
 */
@Tag("slow")
class AuthClientsTest {
    @TempDir
    static Path tmp;
    static Path certDir;
    static Path certFile;
    static Path keyFile;

    @BeforeAll
    static void tools() throws Exception {
        Cli.assumeInstalled("skopeo");
        Cli.assumeInstalled("htpasswd");
        TestCerts.Issued cert = TestCerts.selfSigned(TestCerts.ec());
        Path[] files = TestCerts.write(tmp, "server", cert, TestCerts.KeyFormat.PKCS8);
        certFile = files[0];
        keyFile = files[1];
        certDir = Files.createDirectories(tmp.resolve("certs.d"));
        Files.writeString(certDir.resolve("ca.crt"), TestCerts.pem(cert.certificate()));
    }

    static Path htpasswdFile(String name, String... userPasswordPairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < userPasswordPairs.length; i += 2) {
            Cli.Result r = Cli.run(List.of("htpasswd", "-Bbn", userPasswordPairs[i], userPasswordPairs[i + 1]), Map.of(),
                    Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            sb.append(r.out().strip()).append('\n');
        }
        try {
            return Files.writeString(tmp.resolve(name), sb);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Cli.Result skopeo(Path authFile, String... args) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "--tmpdir", tmp.toString()));
        cmd.addAll(List.of(args));
        return Cli.run(cmd, Map.of("REGISTRY_AUTH_FILE", authFile.toString()), Cli.DEFAULT_TIMEOUT);
    }

    static Cli.Result ok(Cli.Result r) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    static Cli.Result fails(Cli.Result r) {
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.timedOut()).isFalse();
        return r;
    }

    static OciLayout.Image image(OciLayout layout, String marker) throws IOException {
        return layout.writeImage("linux", "amd64",
                Map.of("app/hello", ("#!/bin/sh\necho " + marker + "\n").getBytes(StandardCharsets.UTF_8),
                        "app/big", ("data for " + marker + "\n").repeat(20_000).getBytes(StandardCharsets.UTF_8)),
                Map.of("org.example.marker", marker));
    }

    static Path auth(String name) throws IOException {
        return Files.writeString(tmp.resolve(name), "{\"auths\":{}}");
    }

    @Test
    void htpasswdOverTls_loginThenCopy_withCertDirAndVerificationOn() throws Exception {
        Path htpasswd = htpasswdFile("htpasswd-tls", "alice", "correct horse");
        try (TestRegistry registry = TestRegistry.start(c -> c
                .withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.HTPASSWD,
                        new WharfConfig.Htpasswd("Registry Realm", htpasswd), null, List.of()))
                .withTls(new WharfConfig.Tls(certFile, keyFile)))) {
            String host = registry.hostPort();
            Path authFile = auth("auth-tls.json");
            OciLayout src = OciLayout.create(tmp.resolve("tls-src"));
            OciLayout.Image img = image(src, "tls");
            src.tag("v1", img.manifest());

            // without trusting the certificate, verification fails
            assertThat(fails(skopeo(authFile, "inspect", "--creds", "alice:correct horse",
                    "docker://" + host + "/team/app:v1")).stderr()).containsIgnoringCase("certificate");
            // a wrong password is refused by login
            assertThat(fails(skopeo(authFile, "login", "--cert-dir", certDir.toString(), "-u", "alice", "-p", "wrong",
                    host)).stderr()).contains("invalid username/password");
            ok(skopeo(authFile, "login", "--cert-dir", certDir.toString(), "-u", "alice", "-p", "correct horse", host));
            assertThat(Files.readString(authFile)).contains(host);

            ok(skopeo(authFile, "copy", "--dest-cert-dir", certDir.toString(), "--preserve-digests",
                    "oci:" + src.dir() + ":v1", "docker://" + host + "/team/app:v1"));
            Path out = tmp.resolve("tls-out");
            ok(skopeo(authFile, "copy", "--src-cert-dir", certDir.toString(), "--preserve-digests",
                    "docker://" + host + "/team/app:v1", "oci:" + out + ":v1"));
            assertThat(OciLayout.readBlob(out, img.manifest().digest())).isEqualTo(img.manifest().bytes());
            for (OciLayout.Blob layer : img.layers()) {
                assertThat(OciLayout.readBlob(out, layer.digest())).isEqualTo(layer.bytes());
            }

            ok(skopeo(authFile, "logout", host));
            assertThat(fails(skopeo(authFile, "inspect", "--cert-dir", certDir.toString(),
                    "docker://" + host + "/team/app:v1")).stderr()).containsIgnoringCase("unauthorized");
        }
    }

    @Test
    void tokenFlow_copyWithCredentials_loginAndAnonymousPublicPull() throws Exception {
        Path htpasswd = htpasswdFile("htpasswd-token", "bob", "bob-secret");
        try (TestRegistry registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN,
                new WharfConfig.Htpasswd("r", htpasswd),
                new WharfConfig.Token(null, "wharf-test", "wharf", null, null, Duration.ofMinutes(5)),
                List.of("public/*"))))) {
            String host = registry.hostPort();
            Path authFile = auth("auth-token.json");
            OciLayout src = OciLayout.create(tmp.resolve("token-src"));
            OciLayout.Image img = image(src, "token");
            src.tag("v1", img.manifest());

            assertThat(fails(skopeo(authFile, "copy", "--dest-tls-verify=false", "--dest-creds", "bob:wrong",
                    "oci:" + src.dir() + ":v1", "docker://" + host + "/team/tok:v1")).stderr())
                    .containsIgnoringCase("unauthorized");
            ok(skopeo(authFile, "copy", "--dest-tls-verify=false", "--dest-creds", "bob:bob-secret",
                    "oci:" + src.dir() + ":v1", "docker://" + host + "/team/tok:v1"));
            // cross-repository mount and a public copy, through the token flow
            ok(skopeo(authFile, "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "--src-creds", "bob:bob-secret", "--dest-creds", "bob:bob-secret",
                    "docker://" + host + "/team/tok:v1", "docker://" + host + "/public/tok:v1"));

            // anonymous: public pulls work with an anonymous token; private ones do not
            Path out = tmp.resolve("token-out");
            ok(skopeo(authFile, "copy", "--src-tls-verify=false", "--src-no-creds", "--preserve-digests",
                    "docker://" + host + "/public/tok:v1", "oci:" + out + ":v1"));
            assertThat(OciLayout.readBlob(out, img.manifest().digest())).isEqualTo(img.manifest().bytes());
            fails(skopeo(authFile, "inspect", "--tls-verify=false", "--no-creds", "docker://" + host + "/team/tok:v1"));

            ok(skopeo(authFile, "login", "--tls-verify=false", "-u", "bob", "-p", "bob-secret", host));
            ok(skopeo(authFile, "inspect", "--tls-verify=false", "docker://" + host + "/team/tok:v1"));
            ok(skopeo(authFile, "list-tags", "--tls-verify=false", "docker://" + host + "/team/tok"));
        }
    }
}
