package dev.wharf.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestCerts;
import dev.wharf.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jib core with credentials against Wharf over TLS: HTTP Basic (htpasswd) and the Docker token flow. */
@Tag("slow")
class AuthJibTest {
    @TempDir
    Path tmp;

    private WharfConfig secured(WharfConfig c, WharfConfig.Auth auth) throws Exception {
        Path[] files = TestCerts.write(tmp, "server", TestCerts.selfSigned(TestCerts.ec()), TestCerts.KeyFormat.PKCS8);
        return c.withAuth(auth).withTls(new WharfConfig.Tls(files[0], files[1]));
    }

    private Path htpasswd(String user, String password) throws Exception {
        return Files.writeString(tmp.resolve("htpasswd"),
                user + ":" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(5, password.toCharArray()) + "\n");
    }

    private Containerizer to(RegistryImage image) {
        // a self-signed certificate: Jib's insecure mode accepts it, and still sends credentials only over TLS
        return Containerizer.to(image).setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(tmp.resolve("base-cache")).setApplicationLayersCache(tmp.resolve("app-cache"));
    }

    private JibContainer push(String ref, String user, String password) throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("hello.txt"), "hello from " + ref + "\n");
        return Jib.fromScratch().addLayer(List.of(app.resolve("hello.txt")), AbsoluteUnixPath.get("/app"))
                .containerize(to(RegistryImage.named(ref).addCredential(user, password)));
    }

    @Test
    void htpasswd_pushWithCredentials_wrongPasswordRefused() throws Exception {
        Path file = htpasswd("jib", "jib-pw");
        WharfConfig.Auth auth = new WharfConfig.Auth(WharfConfig.Auth.Mode.HTPASSWD,
                new WharfConfig.Htpasswd("Registry Realm", file), null, List.of());
        try (TestRegistry registry = TestRegistry.start(c -> { try { return secured(c, auth); }
                catch (Exception e) { throw new IllegalStateException(e); } })) {
            JibContainer pushed = push(registry.hostPort() + "/jib/basic:1", "jib", "jib-pw");
            assertThat(pushed.getDigest().toString()).startsWith("sha256:");
            assertThatThrownBy(() -> push(registry.hostPort() + "/jib/basic:2", "jib", "wrong"))
                    .isInstanceOf(RegistryUnauthorizedException.class).hasMessageContaining("Unauthorized");
        }
    }

    @Test
    void tokenFlow_pushThenBuildOnTopOfIt_withCredentials() throws Exception {
        Path file = htpasswd("jib", "jib-pw");
        WharfConfig.Auth auth = new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN, new WharfConfig.Htpasswd("r", file),
                new WharfConfig.Token(null, "wharf-test", "wharf", null, null, Duration.ofMinutes(5)), List.of());
        try (TestRegistry registry = TestRegistry.start(c -> { try { return secured(c, auth); }
                catch (Exception e) { throw new IllegalStateException(e); } })) {
            String base = registry.hostPort() + "/jib/base:1";
            JibContainer pushed = push(base, "jib", "jib-pw");
            Path extra = Files.writeString(tmp.resolve("extra.txt"), "on top\n");
            JibContainer derived = Jib.from(RegistryImage.named(base).addCredential("jib", "jib-pw"))
                    .addLayer(List.of(extra), AbsoluteUnixPath.get("/extra"))
                    .containerize(to(RegistryImage.named(registry.hostPort() + "/jib/derived:1")
                            .addCredential("jib", "jib-pw")));
            assertThat(derived.getDigest()).isNotEqualTo(pushed.getDigest());
            assertThatThrownBy(() -> push(registry.hostPort() + "/jib/base:2", "jib", "wrong"))
                    .isInstanceOf(RegistryAuthenticationFailedException.class).hasMessageContaining("401");
        }
    }
}
