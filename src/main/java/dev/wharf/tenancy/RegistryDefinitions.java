package dev.wharf.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads registry definitions from YAML (or JSON), one or more documents, in any of three forms:
 * <ul>
 *   <li>Wharf's own: {@code registries: [{name, tier, region, owner, storage_quota_bytes,
 *       garbage_collection_enabled}]};</li>
 *   <li>{@code kind: DigitalOceanContainerRegistry} with {@code spec: {name, subscription_tier:
 *       STARTER|BASIC|PROFESSIONAL, region, garbage_collection_enabled}};</li>
 *   <li>the flat form {@code {name, region, subscription_tier: basic|professional, storage_quota_bytes}}.</li>
 * </ul>
 * Unknown keys are errors naming the key, so a typo never silently changes nothing.
 */
public final class RegistryDefinitions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DO_KIND = "DigitalOceanContainerRegistry";

    private RegistryDefinitions() {
    }

    public static List<RegistryDefinition> parse(String text) {
        List<RegistryDefinition> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                    continue;
                }
                read(doc, "document " + index, out);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TenancyException t) {
                throw t;
            }
            throw TenancyException.invalid("not valid YAML: " + firstLine(e.getMessage()));
        }
        Set<String> seen = new HashSet<>();
        for (RegistryDefinition d : out) {
            if (!seen.add(d.name())) {
                throw TenancyException.invalid("registry " + d.name() + " is defined more than once");
            }
        }
        return out;
    }

    private static void read(JsonNode doc, String where, List<RegistryDefinition> out) {
        if (!doc.isObject()) {
            throw TenancyException.invalid(where + ": expected a mapping");
        }
        if (doc.has("registries")) {
            allowOnly(doc, where, Set.of("registries", "apiVersion"));
            JsonNode list = doc.get("registries");
            if (!list.isArray()) {
                throw TenancyException.invalid(where + ": registries must be a list");
            }
            int i = 0;
            for (JsonNode r : list) {
                String at = where + ", registries[" + i++ + "]";
                allowOnly(r, at, Set.of("name", "tier", "region", "owner", "storage_quota_bytes",
                        "garbage_collection_enabled"));
                out.add(new RegistryDefinition(name(r, at), text(r, at, "tier"), text(r, at, "region"),
                        number(r, at, "storage_quota_bytes"), bool(r, at, "garbage_collection_enabled"),
                        text(r, at, "owner"), "wharf"));
            }
        } else if (doc.has("kind")) {
            String kind = doc.get("kind").asText();
            if (!kind.equals(DO_KIND)) {
                throw TenancyException.invalid(where + ": unknown kind " + kind + " (expected " + DO_KIND + ")");
            }
            allowOnly(doc, where, Set.of("kind", "apiVersion", "metadata", "spec"));
            JsonNode spec = doc.path("spec");
            String at = where + ", spec";
            allowOnly(spec, at, Set.of("name", "subscription_tier", "region", "garbage_collection_enabled"));
            String tier = text(spec, at, "subscription_tier");
            out.add(new RegistryDefinition(name(spec, at), tier == null ? null : tier.toLowerCase(Locale.ROOT),
                    text(spec, at, "region"), null, bool(spec, at, "garbage_collection_enabled"), null, DO_KIND));
        } else {
            allowOnly(doc, where, Set.of("name", "region", "subscription_tier", "storage_quota_bytes"));
            String tier = text(doc, where, "subscription_tier");
            out.add(new RegistryDefinition(name(doc, where), tier == null ? null : tier.toLowerCase(Locale.ROOT),
                    text(doc, where, "region"), number(doc, where, "storage_quota_bytes"), null, null, "flat"));
        }
    }

    private static void allowOnly(JsonNode node, String where, Set<String> keys) {
        if (!node.isObject()) {
            throw TenancyException.invalid(where + ": expected a mapping");
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw TenancyException.invalid(where + ": unknown field " + k + " (known: "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String name(JsonNode n, String where) {
        String name = text(n, where, "name");
        if (name == null) {
            throw TenancyException.invalid(where + ": name is required");
        }
        return RegistryNames.require(name);
    }

    private static String text(JsonNode n, String where, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw TenancyException.invalid(where + ": " + field + " must be a single value");
        }
        return v.asText();
    }

    private static Long number(JsonNode n, String where, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() <= 0) {
            throw TenancyException.invalid(where + ": " + field + " must be a whole number of bytes above 0");
        }
        return v.asLong();
    }

    private static Boolean bool(JsonNode n, String where, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw TenancyException.invalid(where + ": " + field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
