package dev.wharf.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Applies a registry:2-shaped YAML file to a {@link Draft}. Sections are walked against the settings Wharf knows,
 * so a typo fails with its path ({@code http.adr: unknown setting}) instead of being dropped.
 */
final class YamlSource {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Draft d;

    private YamlSource(Draft d) {
        this.d = d;
    }

    /** Reads {@code file}; {@code namedBy} is the setting that pointed at it, for "file not found" errors. */
    static void apply(Path file, String namedBy, Draft d) {
        if (!Files.exists(file)) {
            throw new ConfigException(namedBy, "file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(namedBy, file + " is a directory, expected a YAML file");
        }
        JsonNode root;
        try {
            root = read(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(file.toString(), "invalid YAML" + where + ": " + summary(e));
        } catch (AccessDeniedException e) {
            throw new ConfigException(namedBy, "permission denied reading " + file);
        } catch (IOException e) {
            throw new ConfigException(namedBy, "cannot read " + file + ": " + e.getMessage());
        }
        try {
            new YamlSource(d).top(root);
        } catch (ConfigException e) {
            throw e.in(file.toString());
        }
    }

    /**
     * Parses YAML into a tree whose scalars keep the text as written: Jackson's own tree would turn
     * {@code password: 0123} into 123 and {@code [on]} into true, and every Wharf setting is parsed from text anyway.
     */
    static JsonNode read(byte[] yaml) throws IOException {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            return p.nextToken() == null ? null : node(p);
        }
    }

    private static JsonNode node(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                o.set(name, node(p));
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(node(p));
            }
            return a;
        }
        String text = t == JsonToken.VALUE_NULL ? "" : p.getText();
        return text.isEmpty() ? NullNode.instance : TextNode.valueOf(text);
    }

    /** SnakeYAML's message without its multi-line source excerpts (the location is given separately). */
    static String summary(JsonProcessingException e) {
        return e.getOriginalMessage().lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining("; "));
    }

    private void top(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("(top level)", "expected a YAML mapping, got " + kind(root));
        }
        Map<String, Consumer<JsonNode>> h = new LinkedHashMap<>();
        h.put("version", this::version);
        h.put("loglevel", n -> d.level("loglevel", scalar("loglevel", n)));
        h.put("log", n -> section("log", n, Map.of(
                "level", v -> d.level("log.level", scalar("log.level", v)),
                "formatter", v -> d.format("log.formatter", scalar("log.formatter", v)))));
        h.put("http", n -> section("http", n, Map.of(
                "addr", v -> d.addr("http.addr", scalar("http.addr", v)),
                "headers", this::headers,
                "tls", this::tls)));
        h.put("auth", this::auth);
        h.put("storage", this::storage);
        h.put("wharf", this::wharf);
        section("", root, h);
    }

    private void version(JsonNode n) {
        String v = scalar("version", n);
        if (!v.equals("0.1")) {
            throw new ConfigException("version", "unsupported configuration version \"" + v + "\" (expected 0.1)");
        }
    }

    private void headers(JsonNode n) {
        JsonNode m = mapping("http.headers", n);
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            String path = "http.headers." + e.getKey();
            d.header(path, e.getKey(), strings(path, e.getValue()));
        }
    }

    private void storage(JsonNode n) {
        if (n.isTextual()) {
            String driver = n.asText();
            if (driver.equals("filesystem")) {
                return;
            }
            Optional<Registry2Settings.Verdict> v = Registry2Settings.forPath("storage." + driver);
            throw new ConfigException("storage", v.map(Registry2Settings.Verdict::reason)
                    .orElse("unknown storage driver \"" + driver + "\" (expected filesystem)"));
        }
        section("storage", n, Map.of(
                "filesystem", fs -> section("storage.filesystem", fs, Map.of(
                        "rootdirectory", v -> d.root("storage.filesystem.rootdirectory",
                                scalar("storage.filesystem.rootdirectory", v)))),
                "delete", del -> section("storage.delete", del, Map.of(
                        "enabled", v -> d.deleteEnabled("storage.delete.enabled",
                                scalar("storage.delete.enabled", v)))),
                "maintenance", mt -> section("storage.maintenance", mt, Map.of(
                        "uploadpurging", this::uploadPurging))));
    }

    private void uploadPurging(JsonNode n) {
        String p = "storage.maintenance.uploadpurging.";
        section("storage.maintenance.uploadpurging", n, Map.of(
                "enabled", v -> d.purgingEnabled(p + "enabled", scalar(p + "enabled", v)),
                "age", v -> d.expiry(p + "age", scalar(p + "age", v)),
                "interval", v -> d.purgeInterval(p + "interval", scalar(p + "interval", v)),
                "dryrun", v -> d.purgingDryRun(p + "dryrun", scalar(p + "dryrun", v))));
    }

    private void tls(JsonNode n) {
        section("http.tls", n, Map.of(
                "certificate", v -> d.auth.certificate("http.tls.certificate", scalar("http.tls.certificate", v)),
                "key", v -> d.auth.key("http.tls.key", scalar("http.tls.key", v))));
    }

    private void auth(JsonNode n) {
        String h = "auth.htpasswd.";
        String t = "auth.token.";
        section("auth", n, Map.of(
                "htpasswd", ht -> section("auth.htpasswd", ht, Map.of(
                        "realm", v -> d.auth.htpasswdRealm(scalar(h + "realm", v)),
                        "path", v -> d.auth.htpasswdPath(h + "path", scalar(h + "path", v)))),
                "token", tk -> section("auth.token", tk, Map.of(
                        "realm", v -> d.auth.tokenRealm(t + "realm", scalar(t + "realm", v)),
                        "service", v -> d.auth.service(scalar(t + "service", v)),
                        "issuer", v -> d.auth.issuer(scalar(t + "issuer", v)),
                        "rootcertbundle", v -> d.auth.rootCertBundle(t + "rootcertbundle",
                                scalar(t + "rootcertbundle", v))))));
    }

    private void wharfAuth(JsonNode n) {
        String w = "wharf.auth.";
        section("wharf.auth", n, Map.of(
                "mode", v -> d.auth.mode(w + "mode", scalar(w + "mode", v)),
                "public", v -> d.auth.publicRepositories(w + "public", strings(w + "public", v)),
                "token", tk -> section("wharf.auth.token", tk, Map.of(
                        "ttl", v -> d.auth.ttl(w + "token.ttl", scalar(w + "token.ttl", v)),
                        "signingkey", v -> d.auth.signingKey(w + "token.signingkey",
                                scalar(w + "token.signingkey", v))))));
    }

    private void wharfHttp(JsonNode n) {
        String w = "wharf.http.";
        section("wharf.http", n, Map.of(
                "headertimeout", v -> d.connections(w + "headertimeout", "headertimeout", scalar(w + "headertimeout", v)),
                "idletimeout", v -> d.connections(w + "idletimeout", "idletimeout", scalar(w + "idletimeout", v)),
                "maxconnections", v -> d.connections(w + "maxconnections", "maxconnections",
                        scalar(w + "maxconnections", v))));
    }

    private void wharf(JsonNode n) {
        section("wharf", n, Map.of(
                "auth", this::wharfAuth,
                "database", db -> section("wharf.database", db, Map.of(
                        "url", v -> d.dbUrl("wharf.database.url", scalar("wharf.database.url", v)),
                        "username", v -> d.dbUsername(scalar("wharf.database.username", v)),
                        "password", v -> d.dbPassword(scalar("wharf.database.password", v)))),
                "registries", r -> RegistriesYaml.apply(r, d, this::section),
                "storage", st -> section("wharf.storage", st, Map.of(
                        "minfree", v -> d.minFree("wharf.storage.minfree", scalar("wharf.storage.minfree", v)))),
                "uploads", up -> section("wharf.uploads", up, Map.of(
                        "expiry", v -> d.expiry("wharf.uploads.expiry", scalar("wharf.uploads.expiry", v)),
                        "purgeinterval", v -> d.purgeInterval("wharf.uploads.purgeinterval",
                                scalar("wharf.uploads.purgeinterval", v)),
                        "maxstagedbytes", v -> d.maxStaged("wharf.uploads.maxstagedbytes",
                                scalar("wharf.uploads.maxstagedbytes", v)))),
                "http", this::wharfHttp,
                "gc", gc -> section("wharf.gc", gc, Map.of(
                        "graceperiod", v -> d.gc("wharf.gc.graceperiod", "graceperiod", scalar("wharf.gc.graceperiod", v)),
                        "lease", v -> d.gc("wharf.gc.lease", "lease", scalar("wharf.gc.lease", v)),
                        "interval", v -> d.gc("wharf.gc.interval", "interval", scalar("wharf.gc.interval", v)),
                        "deleteorphanreferrers", v -> d.gc("wharf.gc.deleteorphanreferrers", "deleteorphanreferrers",
                                scalar("wharf.gc.deleteorphanreferrers", v))))));
    }

    /**
     * Checks every key of a mapping: registry:2 settings Wharf does not use warn or are refused, anything else
     * unknown fails. Then applies the known keys in the handlers' order, so that where two settings mean the same
     * thing the later one (Wharf's own) wins whatever the order in the file.
     */
    private void section(String path, JsonNode node, Map<String, Consumer<JsonNode>> handlers) {
        if (node.isNull()) {
            return;
        }
        JsonNode m = mapping(path.isEmpty() ? "(top level)" : path, node);
        String prefix = path.isEmpty() ? "" : path + ".";
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            if (handlers.containsKey(e.getKey())) {
                continue;
            }
            String full = prefix + e.getKey();
            Optional<Registry2Settings.Verdict> v = Registry2Settings.forPath(full);
            if (v.isEmpty()) {
                List<String> known = handlers.keySet().stream().map(k -> prefix + k).toList();
                throw new ConfigException(full, "unknown setting" + Registry2Settings.suggest(full, known));
            }
            if (isEmpty(e.getValue()) && !v.get().evenIfEmpty()) {
                continue;
            }
            if (v.get().refused()) {
                throw new ConfigException(full, v.get().reason());
            }
            d.warn(full, v.get().reason());
        }
        handlers.forEach((key, handler) -> {
            JsonNode child = m.get(key);
            if (child != null && !child.isNull()) {
                handler.accept(child);
            }
        });
    }

    private static JsonNode mapping(String path, JsonNode n) {
        if (!n.isObject()) {
            throw new ConfigException(path, "expected a mapping, got " + kind(n));
        }
        return n;
    }

    static String scalar(String path, JsonNode n) {
        if (!n.isValueNode()) {
            throw new ConfigException(path, "expected a single value, got " + kind(n));
        }
        return n.asText();
    }

    /** A list of scalars, or one scalar as a list of one (registry:2 header values, env list values). */
    static List<String> strings(String path, JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isValueNode()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            throw new ConfigException(path, "expected a list of strings, got " + kind(n));
        }
        for (JsonNode item : n) {
            out.add(scalar(path, item));
        }
        return out;
    }

    private static boolean isEmpty(JsonNode n) {
        return n.isNull() || (n.isContainerNode() && n.isEmpty()) || (n.isTextual() && n.asText().isBlank());
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return "\"" + n.asText() + "\"";
    }
}
