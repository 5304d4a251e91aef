package dev.wharf.discovery.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a discovery config from YAML. {@code ${NAME}} in any string value is replaced by that environment
 * variable. Anything unknown, missing or malformed is refused with {@link InvalidConfigException} naming the field.
 */
public final class DiscoveryConfigLoader {
    static final URI DOCKER_HUB = URI.create("https://registry-1.docker.io");
    static final URI DOCKER_HUB_API = URI.create("https://hub.docker.com");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> TOP = Set.of("providers", "label_prefix");
    private static final Set<String> PROVIDER = Set.of("name", "type", "config");
    private static final Set<String> CONFIG = Set.of("registry_type", "api_url", "username", "password", "token",
            "namespace", "timeout", "discover_vulnerabilities", "selectors", "retries", "page_size", "concurrency",
            "hub_api_url");
    private static final Set<String> SELECTOR = Set.of("namespace_pattern", "repository_pattern", "include_tags",
            "exclude_tags", "max_tags");

    private final Function<String, String> env;

    public DiscoveryConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public DiscoveryConfig load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    public DiscoveryConfig parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new InvalidConfigException("(file)", "not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException("(file)", "must be a mapping with a providers list");
        }
        checkKeys(root, TOP, "");
        String prefix = string(root, "label_prefix", "label_prefix");
        JsonNode list = root.get("providers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidConfigException("providers", "must be a non-empty list");
        }
        List<ProviderConfig> providers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ProviderConfig p = provider(list.get(i), "providers[" + i + "]");
            if (!names.add(p.name())) {
                throw new InvalidConfigException("providers[" + i + "].name", "duplicate provider name " + p.name());
            }
            providers.add(p);
        }
        return new DiscoveryConfig(providers, prefix == null ? DiscoveryConfig.DEFAULT_LABEL_PREFIX : prefix);
    }

    private ProviderConfig provider(JsonNode node, String path) {
        requireObject(node, path);
        checkKeys(node, PROVIDER, path + ".");
        String name = string(node, "name", path + ".name");
        if (name == null || name.isBlank()) {
            throw new InvalidConfigException(path + ".name", "is required");
        }
        String type = string(node, "type", path + ".type");
        if (!"docker".equals(type)) {
            throw new InvalidConfigException(path + ".type", "must be docker" + (type == null ? "" : ", not " + type));
        }
        JsonNode c = node.get("config");
        String cp = path + ".config";
        if (c == null || c.isNull()) {
            c = new ObjectMapper().createObjectNode();
        }
        requireObject(c, cp);
        checkKeys(c, CONFIG, cp + ".");
        String typeName = string(c, "registry_type", cp + ".registry_type");
        RegistryType registryType = typeName == null ? RegistryType.DOCKER_HUB : RegistryType.byName(typeName)
                .orElseThrow(() -> new InvalidConfigException(cp + ".registry_type",
                        "must be one of " + RegistryType.allNames() + ", not " + typeName));
        String namespace = string(c, "namespace", cp + ".namespace");
        return new ProviderConfig(name, registryType, url(c, "api_url", cp, DOCKER_HUB),
                string(c, "username", cp + ".username"),
                string(c, "password", cp + ".password"), string(c, "token", cp + ".token"),
                namespace == null || namespace.isBlank() ? "default" : namespace,
                Duration.ofSeconds(integer(c, "timeout", cp + ".timeout", 30, 1, 3600)),
                bool(c, "discover_vulnerabilities", cp + ".discover_vulnerabilities"),
                selectors(c.get("selectors"), cp + ".selectors"),
                integer(c, "retries", cp + ".retries", 3, 0, 10),
                integer(c, "page_size", cp + ".page_size", 100, 1, 10_000),
                integer(c, "concurrency", cp + ".concurrency", 4, 1, 64),
                registryType == RegistryType.DOCKER_HUB ? url(c, "hub_api_url", cp, DOCKER_HUB_API) : null);
    }

    private URI url(JsonNode c, String key, String parent, URI dflt) {
        String path = parent + "." + key;
        String text = string(c, key, path);
        if (text == null) {
            return dflt;
        }
        try {
            URI u = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new InvalidConfigException(path, "must be an http(s) URL such as https://registry.example.com");
            }
            if (u.getUserInfo() != null) {
                throw new InvalidConfigException(path, "must not carry credentials; use username and password");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidConfigException(path, "not a valid URL");
        }
    }

    private List<Selector> selectors(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of(Selector.all());
        }
        if (!node.isArray()) {
            throw new InvalidConfigException(path, "must be a list");
        }
        List<Selector> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String sp = path + "[" + i + "]";
            JsonNode s = node.get(i);
            requireObject(s, sp);
            checkKeys(s, SELECTOR, sp + ".");
            out.add(new Selector(regex(string(s, "namespace_pattern", sp + ".namespace_pattern"), sp + ".namespace_pattern"),
                    regex(string(s, "repository_pattern", sp + ".repository_pattern"), sp + ".repository_pattern"),
                    strings(s.get("include_tags"), sp + ".include_tags"),
                    strings(s.get("exclude_tags"), sp + ".exclude_tags").stream()
                            .map(x -> regex(x, sp + ".exclude_tags")).toList(),
                    integer(s, "max_tags", sp + ".max_tags", 10, 1, 100_000)));
        }
        return out.isEmpty() ? List.of(Selector.all()) : out;
    }

    private static Pattern regex(String text, String path) {
        try {
            return Pattern.compile(text == null ? Selector.ANY : text);
        } catch (PatternSyntaxException e) {
            throw new InvalidConfigException(path, "not a valid regular expression: " + firstLine(e.getMessage()));
        }
    }

    private List<String> strings(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidConfigException(path, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            if (!e.isValueNode() || e.isNull()) {
                throw new InvalidConfigException(path + "[" + i + "]", "must be a string");
            }
            out.add(expand(e.asText(), path + "[" + i + "]"));
        }
        return out;
    }

    private String string(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw new InvalidConfigException(path, "must be a single value");
        }
        String v = expand(n.asText(), path);
        return v.isEmpty() ? null : v;
    }

    private int integer(JsonNode parent, String key, String path, int dflt, int min, int max) {
        String v = string(parent, key, path);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.strip());
            if (i < min || i > max) {
                throw new InvalidConfigException(path, "must be between " + min + " and " + max + ", not " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(path, "must be a whole number, not " + v);
        }
    }

    private boolean bool(JsonNode parent, String key, String path) {
        String v = string(parent, key, path);
        if (v == null) {
            return false;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new InvalidConfigException(path, "must be true or false, not " + v);
        };
    }

    /** Replaces {@code ${NAME}} references; an unset variable is an error, never an empty secret. */
    private String expand(String value, String path) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                throw new InvalidConfigException(path, "environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidConfigException(path, "must be a mapping");
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String prefix) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String k = field.getKey();
            if (!allowed.contains(k)) {
                throw new InvalidConfigException(prefix + k, "unknown setting (known: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
