package dev.wharf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth and TLS settings from registry:2-shaped YAML and from REGISTRY_/WHARF_ environment variables. */
class AuthConfigTest {
    @TempDir
    Path dir;
    Path htpasswd;
    Path bundle;
    Path cert;
    Path key;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        htpasswd = Files.writeString(dir.resolve("htpasswd"), "");
        bundle = Files.writeString(dir.resolve("bundle.pem"), "");
        cert = Files.writeString(dir.resolve("tls.crt"), "");
        key = Files.writeString(dir.resolve("tls.key"), "");
    }

    private WharfConfig env(Map<String, String> env) {
        return new ConfigLoader(env, warnings::add).load();
    }

    private WharfConfig yaml(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("config.yml"), yaml);
        Map<String, String> all = new HashMap<>(env);
        all.put("WHARF_CONFIG", file.toString());
        return env(all);
    }

    private ConfigException failEnv(Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> env(env));
    }

    @Test
    void htpasswdFromRegistry2Environment() {
        WharfConfig c = env(Map.of("REGISTRY_AUTH", "htpasswd", "REGISTRY_AUTH_HTPASSWD_REALM", "Registry Realm",
                "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString()));
        assertThat(c.auth().mode()).isEqualTo(WharfConfig.Auth.Mode.HTPASSWD);
        assertThat(c.auth().htpasswd()).isEqualTo(new WharfConfig.Htpasswd("Registry Realm", htpasswd));
        assertThat(c.auth().token()).isNull();
        assertThat(warnings).isEmpty();
    }

    @Test
    void htpasswdModeFollowsFromTheSectionAsInRegistry2() throws IOException {
        WharfConfig c = yaml("auth:\n  htpasswd:\n    realm: basic-realm\n    path: " + htpasswd + "\n", Map.of());
        assertThat(c.auth().mode()).isEqualTo(WharfConfig.Auth.Mode.HTPASSWD);
        assertThat(c.auth().htpasswd().realm()).isEqualTo("basic-realm");
        assertThat(env(Map.of("REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString())).auth().mode())
                .isEqualTo(WharfConfig.Auth.Mode.HTPASSWD);
    }

    @Test
    void builtInTokenServiceWithDefaults() {
        WharfConfig c = env(Map.of("WHARF_AUTH_MODE", "token", "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString(),
                "WHARF_AUTH_TOKEN_TTL", "10m", "WHARF_AUTH_TOKEN_SIGNINGKEY", dir.resolve("k.jwk").toString(),
                "WHARF_AUTH_PUBLIC", "library/*, public/**"));
        assertThat(c.auth().mode()).isEqualTo(WharfConfig.Auth.Mode.TOKEN);
        assertThat(c.auth().token()).isEqualTo(new WharfConfig.Token(null, "wharf", "wharf", null,
                dir.resolve("k.jwk"), Duration.ofMinutes(10)));
        assertThat(c.auth().htpasswd().path()).isEqualTo(htpasswd);
        assertThat(c.auth().publicRepositories()).containsExactly("library/*", "public/**");
    }

    @Test
    void externalTokenServerFromYaml() throws IOException {
        WharfConfig c = yaml("""
                auth:
                  token:
                    realm: https://auth.example.com/token
                    service: registry.example.com
                    issuer: auth.example.com
                    rootcertbundle: %s
                    autoredirect: false
                wharf:
                  auth:
                    public: [library/*]
                """.formatted(bundle), Map.of());
        assertThat(c.auth().mode()).isEqualTo(WharfConfig.Auth.Mode.TOKEN);
        assertThat(c.auth().token()).isEqualTo(new WharfConfig.Token("https://auth.example.com/token",
                "registry.example.com", "auth.example.com", bundle, null, Duration.ofMinutes(5)));
        assertThat(c.auth().publicRepositories()).containsExactly("library/*");
        assertThat(warnings).singleElement().asString().startsWith("auth.token.autoredirect: ignored");
    }

    @Test
    void externalTokenServerNeedsRealmServiceAndIssuer() {
        assertThat(failEnv(Map.of("REGISTRY_AUTH", "token", "REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE", bundle.toString(),
                "REGISTRY_AUTH_TOKEN_SERVICE", "s", "REGISTRY_AUTH_TOKEN_ISSUER", "i")))
                .hasMessageStartingWith("auth.token.realm: required with an external token server")
                .hasMessageContaining("REGISTRY_AUTH_TOKEN_REALM");
        assertThat(failEnv(Map.of("REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE", bundle.toString(),
                "REGISTRY_AUTH_TOKEN_REALM", "https://a/token", "REGISTRY_AUTH_TOKEN_ISSUER", "i")))
                .hasMessageStartingWith("auth.token.service: required");
        assertThat(failEnv(Map.of("REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE", dir.resolve("none.pem").toString(),
                "REGISTRY_AUTH_TOKEN_REALM", "https://a/token")))
                .hasMessageStartingWith("REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE: file not found");
    }

    @Test
    void htpasswdModeNeedsAnExistingFile() {
        ConfigException e = failEnv(Map.of("REGISTRY_AUTH", "htpasswd"));
        assertThat(e).hasMessageStartingWith("auth.htpasswd.path: required when auth is htpasswd (REGISTRY_AUTH)");
        assertThat(failEnv(Map.of("REGISTRY_AUTH_HTPASSWD_PATH", dir.toString())))
                .hasMessage("REGISTRY_AUTH_HTPASSWD_PATH: " + dir + " is not a regular file");
    }

    @Test
    void explicitModeNoneWinsOverSections() {
        WharfConfig c = env(Map.of("REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString(), "WHARF_AUTH_MODE", "none"));
        assertThat(c.auth().mode()).isEqualTo(WharfConfig.Auth.Mode.NONE);
    }

    @Test
    void tlsFromEnvironmentAndYaml() throws IOException {
        assertThat(env(Map.of("REGISTRY_HTTP_TLS_CERTIFICATE", cert.toString(), "REGISTRY_HTTP_TLS_KEY",
                key.toString())).tls()).isEqualTo(new WharfConfig.Tls(cert, key));
        assertThat(yaml("http:\n  tls:\n    certificate: " + cert + "\n    key: " + key + "\n    minimumtls: tls1.2\n",
                Map.of()).tls()).isEqualTo(new WharfConfig.Tls(cert, key));
        assertThat(warnings).singleElement().asString().startsWith("http.tls.minimumtls: ignored");
    }

    @Test
    void tlsNeedsBothFiles() {
        assertThat(failEnv(Map.of("REGISTRY_HTTP_TLS_CERTIFICATE", cert.toString())))
                .hasMessageStartingWith("http.tls.key: required with REGISTRY_HTTP_TLS_CERTIFICATE");
        assertThat(failEnv(Map.of("REGISTRY_HTTP_TLS_KEY", key.toString())))
                .hasMessageStartingWith("http.tls.certificate: required with REGISTRY_HTTP_TLS_KEY");
        assertThat(failEnv(Map.of("REGISTRY_HTTP_TLS_CERTIFICATE", cert.toString(),
                "REGISTRY_HTTP_TLS_KEY", dir.resolve("missing.key").toString())))
                .hasMessage("REGISTRY_HTTP_TLS_KEY: file not found: " + dir.resolve("missing.key"));
    }

    @Test
    void externalTokenServerRefusesHtpasswd() {
        assertThat(failEnv(Map.of("REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE", bundle.toString(),
                "REGISTRY_AUTH_TOKEN_REALM", "https://a/token", "REGISTRY_AUTH_TOKEN_SERVICE", "s",
                "REGISTRY_AUTH_TOKEN_ISSUER", "i", "REGISTRY_AUTH_HTPASSWD_PATH", htpasswd.toString())))
                .hasMessageContaining("an external token server");
    }
}
