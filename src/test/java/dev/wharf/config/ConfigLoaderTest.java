package dev.wharf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private WharfConfig load(Map<String, String> env) {
        return new ConfigLoader(env, warnings::add).load();
    }

    private WharfConfig loadYaml(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, yaml);
        Map<String, String> all = new HashMap<>(env);
        all.put("WHARF_CONFIG", file.toString());
        return load(all);
    }

    private WharfConfig loadYaml(String yaml) throws IOException {
        return loadYaml(yaml, Map.of());
    }

    private ConfigException failYaml(String yaml) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> loadYaml(yaml));
    }

    private ConfigException failEnv(Map<String, String> env) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> load(env));
    }

    @Test
    void noConfigurationGivesDefaults() {
        assertThat(load(Map.of("HOME", "/root", "PATH", "/bin"))).isEqualTo(WharfConfig.defaults());
        assertThat(warnings).isEmpty();
    }

    @Test
    void readsEverySettingFromYaml() throws IOException {
        WharfConfig c = loadYaml("""
                version: 0.1
                log:
                  level: debug
                  formatter: json
                http:
                  addr: 127.0.0.1:5001
                  headers:
                    X-Content-Type-Options: [nosniff]
                    Access-Control-Allow-Methods: ["GET", "HEAD"]
                    X-Single: one
                    X-Words: [on, no, 1.10]
                storage:
                  filesystem:
                    rootdirectory: /var/lib/registry
                  delete:
                    enabled: false
                  maintenance:
                    uploadpurging:
                      enabled: true
                      age: 168h
                      interval: 24h
                      dryrun: false
                wharf:
                  database:
                    url: jdbc:postgresql://db:5432/wharf
                    username: wharf
                    password: 0123
                """);
        assertThat(c.http().addr()).isEqualTo("127.0.0.1:5001");
        assertThat(c.http().headers()).containsExactly(
                Map.entry("X-Content-Type-Options", List.of("nosniff")),
                Map.entry("Access-Control-Allow-Methods", List.of("GET", "HEAD")),
                Map.entry("X-Single", List.of("one")),
                Map.entry("X-Words", List.of("on", "no", "1.10")));
        assertThat(c.storage()).isEqualTo(new WharfConfig.Storage(Path.of("/var/lib/registry"), false));
        assertThat(c.uploads()).isEqualTo(new WharfConfig.Uploads(Duration.ofHours(168), Duration.ofHours(24)));
        assertThat(c.database()).isEqualTo(
                new WharfConfig.Database("jdbc:postgresql://db:5432/wharf", "wharf", "0123"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/wharf");
        assertThat(c.log()).isEqualTo(new WharfConfig.Log("debug", "json"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void wharfUploadSettingsWinOverRegistryPurgingWhateverTheOrder() throws IOException {
        WharfConfig c = loadYaml("""
                wharf:
                  uploads: {expiry: 90m, purgeinterval: 1h30m}
                storage:
                  maintenance:
                    uploadpurging: {age: 168h, interval: 24h}
                """);
        assertThat(c.uploads()).isEqualTo(new WharfConfig.Uploads(Duration.ofMinutes(90), Duration.ofMinutes(90)));
    }

    @Test
    void storageMinFree_fromYamlAndEnvironment() throws IOException {
        assertThat(WharfConfig.defaults().storage().minFreeBytes()).isEqualTo(64L << 20);
        assertThat(loadYaml("wharf:\n  storage: {minfree: 512KiB}\n").storage().minFreeBytes()).isEqualTo(512L << 10);
        assertThat(load(Map.of("WHARF_STORAGE_MINFREE", "2GiB")).storage().minFreeBytes()).isEqualTo(2L << 30);
        assertThat(load(Map.of("WHARF_STORAGE_MINFREE", "0")).storage().minFreeBytes()).isZero();
        assertThat(load(Map.of("WHARF_STORAGE_MINFREE", "1000")).storage().minFreeBytes()).isEqualTo(1000);
    }

    @Test
    void emptyFileAndEmptySectionsKeepDefaults() throws IOException {
        assertThat(loadYaml("")).isEqualTo(WharfConfig.defaults());
        assertThat(loadYaml("version: 0.1\nhttp:\nstorage:\n  filesystem:\n")).isEqualTo(WharfConfig.defaults());
    }

    @Test
    void storageMayBeGivenAsADriverName() throws IOException {
        assertThat(loadYaml("storage: filesystem")).isEqualTo(WharfConfig.defaults());
        assertThat(failYaml("storage: s3")).hasMessageStartingWith("storage: storage driver s3 is not supported yet");
    }

    @Test
    void environmentOverridesYaml() throws IOException {
        WharfConfig c = loadYaml("""
                http:
                  addr: :5001
                  headers:
                    Access-Control-Allow-Origin: [https://a.example]
                    X-Kept: [yes]
                storage:
                  filesystem: {rootdirectory: /from/yaml}
                  delete: {enabled: true}
                log: {level: info}
                wharf:
                  database: {url: "jdbc:sqlite:/yaml.db"}
                  uploads: {expiry: 1h}
                """, Map.of(
                "REGISTRY_HTTP_ADDR", "0.0.0.0:6000",
                "REGISTRY_HTTP_HEADERS_access-control-allow-origin", "[\"*\"]",
                "REGISTRY_HTTP_HEADERS_X-Frame-Options", "DENY",
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/from/env",
                "REGISTRY_STORAGE_DELETE_ENABLED", "False",
                "REGISTRY_LOG_LEVEL", "warn",
                "WHARF_DATABASE_URL", "jdbc:postgresql://pg/wharf",
                "WHARF_DATABASE_USERNAME", "u",
                "WHARF_DATABASE_PASSWORD", "p",
                "WHARF_UPLOADS_EXPIRY", "2h"));
        assertThat(c.http().addr()).isEqualTo("0.0.0.0:6000");
        assertThat(c.http().headers()).containsOnly(
                Map.entry("X-Kept", List.of("yes")),
                Map.entry("access-control-allow-origin", List.of("*")),
                Map.entry("X-Frame-Options", List.of("DENY")));
        assertThat(c.storage()).isEqualTo(new WharfConfig.Storage(Path.of("/from/env"), false));
        assertThat(c.log().level()).isEqualTo("warn");
        assertThat(c.database()).isEqualTo(new WharfConfig.Database("jdbc:postgresql://pg/wharf", "u", "p"));
        assertThat(c.uploads().expiry()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void wharfEnvironmentNamesWinOverRegistryAliases() {
        WharfConfig c = load(Map.of(
                "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_AGE", "168h",
                "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_INTERVAL", "24h",
                "WHARF_UPLOADS_EXPIRY", "30m",
                "REGISTRY_LOGLEVEL", "debug",
                "REGISTRY_LOG_LEVEL", "error"));
        assertThat(c.uploads()).isEqualTo(new WharfConfig.Uploads(Duration.ofMinutes(30), Duration.ofHours(24)));
        assertThat(c.log().level()).isEqualTo("error");
    }

    @Test
    void flagsOverrideEnvironmentAndFile() throws IOException {
        Path file = dir.resolve("flags.yml");
        Files.writeString(file, "http: {addr: ':5001'}\nstorage: {filesystem: {rootdirectory: /yaml}}\n");
        Path other = dir.resolve("ignored.yml");
        Files.writeString(other, "http: {adr: broken}\n");
        WharfConfig c = new ConfigLoader(Map.of("WHARF_CONFIG", other.toString(), "REGISTRY_HTTP_ADDR", ":6000"))
                .load(new ConfigLoader.Flags(file, ":7000", Path.of("/flag")));
        assertThat(c.http().addr()).isEqualTo(":7000");
        assertThat(c.storage().root()).isEqualTo(Path.of("/flag"));
    }

    @Test
    void blankEnvironmentValuesAreNotSet() {
        assertThat(load(Map.of("REGISTRY_HTTP_ADDR", "", "WHARF_DATABASE_URL", " ", "REGISTRY_AUTH", "")))
                .isEqualTo(WharfConfig.defaults());
    }

    @Test
    void environmentHeadersMapLikeRegistry2() {
        WharfConfig c = load(Map.of("REGISTRY_HTTP_HEADERS", "{X-Frame-Options: [DENY], Vary: [Accept, Origin]}"));
        assertThat(c.http().headers()).containsOnly(
                Map.entry("X-Frame-Options", List.of("DENY")), Map.entry("Vary", List.of("Accept", "Origin")));
    }

    @Test
    void registry2SampleConfigStartsWithWarningsForWhatWharfIgnores() throws IOException {
        WharfConfig c = loadYaml("""
                version: 0.1
                log:
                  accesslog:
                    disabled: true
                  level: info
                  formatter: text
                  fields:
                    service: registry
                storage:
                  cache:
                    blobdescriptor: inmemory
                  filesystem:
                    rootdirectory: /var/lib/registry
                  delete:
                    enabled: true
                  redirect:
                    disable: true
                http:
                  addr: :5000
                  secret: asecretforlocaldevelopment
                  debug:
                    addr: :5001
                    prometheus:
                      enabled: true
                      path: /metrics
                  headers:
                    X-Content-Type-Options: [nosniff]
                redis:
                  addr: localhost:6379
                notifications:
                  endpoints:
                    - name: local
                      url: http://localhost:5003/callback
                      timeout: 1s
                health:
                  storagedriver:
                    enabled: true
                    interval: 10s
                    threshold: 3
                proxy:
                  remoteurl: https://registry-1.docker.io
                validation:
                  manifests:
                    urls:
                      allow: ['^https?://']
                compatibility:
                  schema1:
                    enabled: false
                """);
        assertThat(c.storage().root()).isEqualTo(Path.of("/var/lib/registry"));
        assertThat(c.http().headers()).containsOnly(Map.entry("X-Content-Type-Options", List.of("nosniff")));
        assertThat(warnings).allMatch(w -> w.contains("ignored by Wharf"));
        assertThat(warnings).extracting(w -> w.substring(0, w.indexOf(':'))).containsExactlyInAnyOrder(
                "log.accesslog", "log.fields", "storage.cache", "storage.redirect", "http.secret", "http.debug",
                "redis", "notifications", "health", "proxy", "validation", "compatibility");
    }

    @Test
    void ignoredRegistry2EnvironmentVariablesWarn() {
        load(Map.of("REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR", "inmemory", "REGISTRY_HTTP_SECRET", "s",
                "REGISTRY_PROXY_REMOTEURL", "https://registry-1.docker.io", "REGISTRY_STORAGE", "filesystem"));
        assertThat(warnings).containsExactlyInAnyOrder(
                "REGISTRY_HTTP_SECRET: " + Registry2Settings.IGNORED,
                "REGISTRY_PROXY_REMOTEURL: " + Registry2Settings.IGNORED,
                "REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR: " + Registry2Settings.IGNORED);
    }

    @Test
    void kubernetesAndDockerLinkVariablesAreIgnoredSilently() {
        Map<String, String> env = new HashMap<>();
        env.put("REGISTRY_PORT", "tcp://10.0.0.11:5000");
        env.put("REGISTRY_PORT_5000_TCP", "tcp://10.0.0.11:5000");
        env.put("REGISTRY_PORT_5000_TCP_ADDR", "10.0.0.11");
        env.put("REGISTRY_PORT_5000_TCP_PORT", "5000");
        env.put("REGISTRY_PORT_5000_TCP_PROTO", "tcp");
        env.put("REGISTRY_SERVICE_HOST", "10.0.0.11");
        env.put("REGISTRY_SERVICE_PORT", "5000");
        env.put("REGISTRY_SERVICE_PORT_HTTP", "5000");
        env.put("REGISTRY_UI_SERVICE_HOST", "10.0.0.12");
        env.put("REGISTRY_UI_PORT_80_TCP_ADDR", "10.0.0.12");
        env.put("REGISTRY_NAME", "/web/registry");
        env.put("REGISTRY_ENV_FOO", "bar");
        env.put("WHARF_PORT", "tcp://10.0.0.13:5000");
        env.put("WHARF_SERVICE_HOST", "10.0.0.13");
        env.put("WHARF_JAVA_OPTS", "-Xmx1g");
        assertThat(load(env)).isEqualTo(WharfConfig.defaults());
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http:\\n  adr: :5000 | http.adr: unknown setting (did you mean http.addr?)",
        "htp:\\n  addr: :5000 | htp: unknown setting (did you mean http?)",
        "wharf:\\n  database:\\n    uri: x | wharf.database.uri: unknown setting (did you mean wharf.database.url?)",
        "storage:\\n  filesystem:\\n    root: /x | storage.filesystem.root: unknown setting",
        "storage:\\n  foo: {} | storage.foo: unknown setting",
        "version: 2 | version: unsupported configuration version \"2\" (expected 0.1)",
        "http:\\n  addr: 5000 | http.addr: expected host:port or :port",
        "http:\\n  addr: :65536 | http.addr: port must be a number from 0 to 65535, got \"65536\"",
        "http:\\n  addr: ::1:5000 | http.addr: put an IPv6 host in brackets",
        "http:\\n  addr: [a, b] | http.addr: expected a single value, got a list",
        "http:\\n  headers:\\n    Bad Name: [x] | http.headers.Bad Name: \"Bad Name\" is not a valid HTTP header name",
        "http:\\n  headers: [x] | http.headers: expected a mapping, got a list",
        "storage:\\n  delete:\\n    enabled: yes | storage.delete.enabled: expected true or false, got \"yes\"",
        "storage:\\n  maintenance:\\n    uploadpurging:\\n      age: 7d | storage.maintenance.uploadpurging.age: expected a duration like 24h",
        "wharf:\\n  uploads:\\n    purgeinterval: 0s | wharf.uploads.purgeinterval: must be longer than 0",
        "wharf:\\n  storage:\\n    minfree: 64MB | wharf.storage.minfree: expected a size like 64MiB",
        "wharf:\\n  database:\\n    url: mysql://x | wharf.database.url: expected a jdbc:sqlite:",
        "log:\\n  level: loud | log.level: expected one of error, warn, info, debug, trace, got \"loud\"",
        "log:\\n  formatter: xml | log.formatter: expected text or json, got \"xml\"",
        "storage:\\n  s3:\\n    bucket: b | storage.s3: storage driver s3 is not supported yet",
        "storage:\\n  inmemory: | storage.inmemory: storage driver inmemory is not supported yet",
        "auth:\\n  silly:\\n    realm: r | auth.silly: silly auth is a registry:2 development aid",
        "http:\\n  tls:\\n    clientcas: [/c] | http.tls.clientcas: client certificate authentication is not supported",
        "wharf:\\n  auth:\\n    mode: ldap | wharf.auth.mode: expected none, htpasswd or token, got \"ldap\"",
        "auth:\\n  token:\\n    realm: ftp://x | auth.token.realm: expected an http:// or https:// URL",
        "- a list | (top level): expected a YAML mapping, got a list",
    })
    void yamlErrorsNameTheSetting(String yaml, String message) {
        assertThat(failYaml(yaml.replace("\\n", "\n"))).hasMessageStartingWith(message)
                .hasMessageContaining("(in " + dir.resolve("config.yml") + ")");
    }

    @Test
    void emptyRefusedSectionsAreAccepted() throws IOException {
        assertThat(loadYaml("auth: {}\nhttp:\n  tls:\nhealth: {}\n")).isEqualTo(WharfConfig.defaults());
        assertThat(warnings).isEmpty();
    }

    @Test
    void invalidYamlSaysWhere() {
        assertThat(failYaml("http:\n  addr: :5000\n addr: x\n")).hasMessageStartingWith(
                dir.resolve("config.yml") + ": invalid YAML at line 3");
        assertThat(failYaml("http:\n  addr: :5000\n  addr: :6000\n")).hasMessageContaining("Duplicate field 'addr'");
    }

    @Test
    void missingFileNamesWhoNamedIt() {
        assertThat(failEnv(Map.of("WHARF_CONFIG", dir.resolve("nope.yml").toString())))
                .hasMessage("WHARF_CONFIG: file not found: " + dir.resolve("nope.yml"));
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(
                new ConfigLoader.Flags(dir.resolve("nope.yml"), null, null)))
                .hasMessage("--config: file not found: " + dir.resolve("nope.yml"));
        assertThat(failEnv(Map.of("WHARF_CONFIG", dir.toString()))).hasMessageContaining("is a directory");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "REGISTRY_STORAGE_DELETE_ENABLED | yes please | REGISTRY_STORAGE_DELETE_ENABLED: expected true or false, got \"yes please\"",
        "REGISTRY_HTTP_ADDR | localhost | REGISTRY_HTTP_ADDR: expected host:port or :port",
        "REGISTRY_HTTP_ADDR | :-1 | REGISTRY_HTTP_ADDR: port must be a number from 0 to 65535",
        "REGISTRY_HTTP_ADR | :5000 | REGISTRY_HTTP_ADR: unknown setting (did you mean REGISTRY_HTTP_ADDR?)",
        "REGISTRY_HTTP_HEADERS_X-A | [unclosed | REGISTRY_HTTP_HEADERS_X-A: expected a list like [\"*\"]",
        "REGISTRY_HTTP_HEADERS_X-A | [{a: b}] | REGISTRY_HTTP_HEADERS_X-A: expected a single value, got a mapping",
        "REGISTRY_LOG_LEVEL | verbose | REGISTRY_LOG_LEVEL: expected one of error, warn, info, debug, trace",
        "REGISTRY_STORAGE | s3 | REGISTRY_STORAGE: storage driver s3 is not supported yet",
        "REGISTRY_STORAGE | floppy | REGISTRY_STORAGE: unknown storage driver \"floppy\"",
        "REGISTRY_STORAGE_S3_BUCKET | b | REGISTRY_STORAGE_S3_BUCKET: storage driver s3 is not supported yet",
        "REGISTRY_AUTH | silly | REGISTRY_AUTH: silly auth is a registry:2 development aid",
        "REGISTRY_AUTH | ldap | REGISTRY_AUTH: expected none, htpasswd or token, got \"ldap\"",
        "REGISTRY_AUTH_HTPASSWD_PATH | /nonexistent/htpasswd | REGISTRY_AUTH_HTPASSWD_PATH: file not found: /nonexistent/htpasswd",
        "REGISTRY_AUTH_TOKEN_REALM | ftp://x | REGISTRY_AUTH_TOKEN_REALM: expected an http:// or https:// URL",
        "REGISTRY_AUTH_SILLY_REALM | r | REGISTRY_AUTH_SILLY_REALM: silly auth is a registry:2 development aid",
        "WHARF_AUTH_TOKEN_TTL | 10s | WHARF_AUTH_TOKEN_TTL: must be at least 60s",
        "WHARF_AUTH_PUBLIC | Library/* | WHARF_AUTH_PUBLIC: \"Library/*\" is not a repository pattern",
        "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_AGE | 1 week | REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_AGE: expected a duration",
        "WHARF_UPLOADS_EXPIRY | 0 | WHARF_UPLOADS_EXPIRY: must be longer than 0",
        "WHARF_STORAGE_MINFREE | lots | WHARF_STORAGE_MINFREE: expected a size like 64MiB",
        "WHARF_STORAGE_MINFREE | 99999999999TiB | WHARF_STORAGE_MINFREE: size too large",
        "WHARF_DATABASE_URL | postgres://db | WHARF_DATABASE_URL: expected a jdbc:sqlite:",
        "WHARF_DATABASE_URI | jdbc:sqlite:x | WHARF_DATABASE_URI: unknown setting (did you mean WHARF_DATABASE_URL?)",
        "WHARF_COLOR | red | WHARF_COLOR: unknown setting",
    })
    void environmentErrorsNameTheVariable(String name, String value, String message) {
        assertThat(failEnv(Map.of(name, value))).hasMessageStartingWith(message)
                .extracting(ConfigException::setting).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {":5000", ":0", "0.0.0.0:5000", "localhost:65535", "[::]:5000", "[::1]:5000",
        "registry.example.com:443", "[fe80::1%eth0]:5000"})
    void acceptsAddresses(String addr) {
        assertThat(load(Map.of("REGISTRY_HTTP_ADDR", addr)).http().addr()).isEqualTo(addr);
    }

    @Test
    void uploadPurgingSwitchesWharfCannotHonourWarn() {
        load(Map.of("REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_ENABLED", "false",
                "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_DRYRUN", "true",
                "REGISTRY_LOG_FORMATTER", "logstash"));
        assertThat(warnings).hasSize(3).allMatch(w -> w.startsWith("REGISTRY_"));
    }

    @Test
    void headersAreImmutable() {
        WharfConfig c = load(Map.of("REGISTRY_HTTP_HEADERS_X-A", "a"));
        assertThatThrownBy(() -> c.http().headers().put("X-B", List.of())).isInstanceOf(
                UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.http().headers().get("X-A").add("b")).isInstanceOf(
                UnsupportedOperationException.class);
    }
}
