package dev.wharf.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Applies {@code REGISTRY_…} (registry:2's names) and {@code WHARF_…} environment variables to a {@link Draft}.
 * Variables are applied in name order, so the registry:2 alias of a setting loses to Wharf's own name.
 */
final class EnvSource {
    static final String CONFIG = "WHARF_CONFIG";
    private static final String HEADERS = "REGISTRY_HTTP_HEADERS";
    private static final String PURGING = "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_";

    /** Every variable Wharf reads, with what it sets; the launcher script's own variable is listed as a no-op. */
    static final Map<String, BiConsumer<Draft, String>> SETTINGS = new TreeMap<>(Map.ofEntries(
            Map.entry("REGISTRY_HTTP_ADDR", (d, v) -> d.addr("REGISTRY_HTTP_ADDR", v)),
            Map.entry("REGISTRY_LOGLEVEL", (d, v) -> d.level("REGISTRY_LOGLEVEL", v)),
            Map.entry("REGISTRY_LOG_LEVEL", (d, v) -> d.level("REGISTRY_LOG_LEVEL", v)),
            Map.entry("REGISTRY_LOG_FORMATTER", (d, v) -> d.format("REGISTRY_LOG_FORMATTER", v)),
            Map.entry("REGISTRY_STORAGE", EnvSource::driver),
            Map.entry("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY",
                    (d, v) -> d.root("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", v)),
            Map.entry("REGISTRY_STORAGE_DELETE_ENABLED", (d, v) -> d.deleteEnabled("REGISTRY_STORAGE_DELETE_ENABLED", v)),
            Map.entry(PURGING + "ENABLED", (d, v) -> d.purgingEnabled(PURGING + "ENABLED", v)),
            Map.entry(PURGING + "AGE", (d, v) -> d.expiry(PURGING + "AGE", v)),
            Map.entry(PURGING + "INTERVAL", (d, v) -> d.purgeInterval(PURGING + "INTERVAL", v)),
            Map.entry(PURGING + "DRYRUN", (d, v) -> d.purgingDryRun(PURGING + "DRYRUN", v)),
            Map.entry(HEADERS, EnvSource::allHeaders),
            Map.entry("REGISTRY_AUTH", (d, v) -> d.auth.mode("REGISTRY_AUTH", v)),
            Map.entry("REGISTRY_AUTH_HTPASSWD_REALM", (d, v) -> d.auth.htpasswdRealm(v)),
            Map.entry("REGISTRY_AUTH_HTPASSWD_PATH", (d, v) -> d.auth.htpasswdPath("REGISTRY_AUTH_HTPASSWD_PATH", v)),
            Map.entry("REGISTRY_AUTH_TOKEN_REALM", (d, v) -> d.auth.tokenRealm("REGISTRY_AUTH_TOKEN_REALM", v)),
            Map.entry("REGISTRY_AUTH_TOKEN_SERVICE", (d, v) -> d.auth.service(v)),
            Map.entry("REGISTRY_AUTH_TOKEN_ISSUER", (d, v) -> d.auth.issuer(v)),
            Map.entry("REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE",
                    (d, v) -> d.auth.rootCertBundle("REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE", v)),
            Map.entry("REGISTRY_HTTP_TLS_CERTIFICATE", (d, v) -> d.auth.certificate("REGISTRY_HTTP_TLS_CERTIFICATE", v)),
            Map.entry("REGISTRY_HTTP_TLS_KEY", (d, v) -> d.auth.key("REGISTRY_HTTP_TLS_KEY", v)),
            Map.entry("WHARF_AUTH_MODE", (d, v) -> d.auth.mode("WHARF_AUTH_MODE", v)),
            Map.entry("WHARF_AUTH_TOKEN_TTL", (d, v) -> d.auth.ttl("WHARF_AUTH_TOKEN_TTL", v)),
            Map.entry("WHARF_AUTH_TOKEN_SIGNINGKEY", (d, v) -> d.auth.signingKey("WHARF_AUTH_TOKEN_SIGNINGKEY", v)),
            Map.entry("WHARF_AUTH_PUBLIC", (d, v) -> d.auth.publicRepositories("WHARF_AUTH_PUBLIC", List.of(v))),
            Map.entry(CONFIG, (d, v) -> { }),
            Map.entry("WHARF_JAVA_OPTS", (d, v) -> { }),
            Map.entry("WHARF_DATABASE_URL", (d, v) -> d.dbUrl("WHARF_DATABASE_URL", v)),
            Map.entry("WHARF_DATABASE_USERNAME", Draft::dbUsername),
            Map.entry("WHARF_DATABASE_PASSWORD", Draft::dbPassword),
            Map.entry("WHARF_GC_GRACE_PERIOD", (d, v) -> d.gc("WHARF_GC_GRACE_PERIOD", "graceperiod", v)),
            Map.entry("WHARF_GC_LEASE", (d, v) -> d.gc("WHARF_GC_LEASE", "lease", v)),
            Map.entry("WHARF_GC_INTERVAL", (d, v) -> d.gc("WHARF_GC_INTERVAL", "interval", v)),
            Map.entry("WHARF_GC_DELETE_ORPHAN_REFERRERS",
                    (d, v) -> d.gc("WHARF_GC_DELETE_ORPHAN_REFERRERS", "deleteorphanreferrers", v)),
            Map.entry("WHARF_STORAGE_MINFREE", (d, v) -> d.minFree("WHARF_STORAGE_MINFREE", v)),
            Map.entry("WHARF_UPLOADS_EXPIRY", (d, v) -> d.expiry("WHARF_UPLOADS_EXPIRY", v)),
            Map.entry("WHARF_UPLOADS_MAXSTAGEDBYTES", (d, v) -> d.maxStaged("WHARF_UPLOADS_MAXSTAGEDBYTES", v)),
            Map.entry("WHARF_HTTP_HEADERTIMEOUT",
                    (d, v) -> d.connections("WHARF_HTTP_HEADERTIMEOUT", "headertimeout", v)),
            Map.entry("WHARF_HTTP_IDLETIMEOUT", (d, v) -> d.connections("WHARF_HTTP_IDLETIMEOUT", "idletimeout", v)),
            Map.entry("WHARF_HTTP_MAXCONNECTIONS",
                    (d, v) -> d.connections("WHARF_HTTP_MAXCONNECTIONS", "maxconnections", v)),
            Map.entry("WHARF_API_ADDR", (d, v) -> d.apiAddr("WHARF_API_ADDR", v)),
            Map.entry("WHARF_REGISTRIES_REQUIRED", (d, v) -> d.registriesRequired("WHARF_REGISTRIES_REQUIRED", v)),
            Map.entry("WHARF_REGISTRIES_REGIONS",
                    (d, v) -> d.regions("WHARF_REGISTRIES_REGIONS", List.of(v.split(",")))),
            Map.entry("WHARF_UPLOADS_PURGEINTERVAL", (d, v) -> d.purgeInterval("WHARF_UPLOADS_PURGEINTERVAL", v))));

    private EnvSource() {
    }

    static void apply(Map<String, String> env, Draft d) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (!name.startsWith("REGISTRY_") && !name.startsWith("WHARF_")) {
                continue;
            }
            BiConsumer<Draft, String> setting = SETTINGS.get(name);
            if (setting != null) {
                if (!value.isBlank() || name.equals("WHARF_API_ADDR")) { // an empty API address disables it
                    setting.accept(d, value);
                }
            } else if (name.startsWith(HEADERS + "_")) {
                if (!value.isBlank()) {
                    d.header(name, name.substring(HEADERS.length() + 1), headerValues(name, value));
                }
            } else if (!Registry2Settings.isLinkVariable(name)) {
                registry2(name, value, d);
            }
        }
    }

    private static void registry2(String name, String value, Draft d) {
        Optional<Registry2Settings.Verdict> v = Registry2Settings.forEnv(name);
        if (v.isEmpty()) {
            throw new ConfigException(name, "unknown setting" + Registry2Settings.suggest(name, SETTINGS.keySet()));
        }
        if (value.isBlank()) {
            return;
        }
        if (v.get().refused()) {
            throw new ConfigException(name, v.get().reason());
        }
        d.warn(name, v.get().reason());
    }

    private static void driver(Draft d, String value) {
        String driver = value.strip();
        if (driver.equals("filesystem")) {
            return;
        }
        throw new ConfigException("REGISTRY_STORAGE", Registry2Settings.forPath("storage." + driver)
                .map(Registry2Settings.Verdict::reason)
                .orElse("unknown storage driver \"" + driver + "\" (expected filesystem)"));
    }

    /** {@code REGISTRY_HTTP_HEADERS='{X-Frame-Options: [DENY]}'}: registry:2 accepts the whole map as YAML. */
    private static void allHeaders(Draft d, String value) {
        JsonNode n = parse(HEADERS, value, "a YAML mapping like {X-Frame-Options: [DENY]}");
        if (!n.isObject()) {
            throw new ConfigException(HEADERS, "expected a YAML mapping like {X-Frame-Options: [DENY]}");
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            d.header(HEADERS, e.getKey(), YamlSource.strings(HEADERS, e.getValue()));
        }
    }

    /** Like registry:2, a YAML/JSON list ({@code ["*"]}); unlike it, a plain string is one value. */
    private static List<String> headerValues(String name, String value) {
        if (!value.strip().startsWith("[")) {
            return List.of(value.strip());
        }
        return YamlSource.strings(name, parse(name, value, "a list like [\"*\"] or a plain value"));
    }

    private static JsonNode parse(String name, String value, String expected) {
        try {
            JsonNode n = YamlSource.read(value.getBytes(StandardCharsets.UTF_8));
            return n == null ? NullNode.instance : n;
        } catch (JsonProcessingException e) {
            throw new ConfigException(name, "expected " + expected + ": " + YamlSource.summary(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
