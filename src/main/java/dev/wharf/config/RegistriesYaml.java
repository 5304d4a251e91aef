package dev.wharf.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code wharf.registries} section: {@code apiaddr}, {@code required}, {@code regions} and {@code tiers} (a list
 * of tiers with DigitalOcean's field names, e.g. {@code included_storage_bytes}).
 */
final class RegistriesYaml {
    private static final String PATH = "wharf.registries";

    /** YamlSource's checked walk over a mapping. */
    @FunctionalInterface
    interface Sections {
        void section(String path, JsonNode node, Map<String, Consumer<JsonNode>> handlers);
    }

    private RegistriesYaml() {
    }

    static void apply(JsonNode node, Draft d, Sections s) {
        s.section(PATH, node, Map.of(
                "apiaddr", v -> d.apiAddr(PATH + ".apiaddr", YamlSource.scalar(PATH + ".apiaddr", v)),
                "required", v -> d.registriesRequired(PATH + ".required", YamlSource.scalar(PATH + ".required", v)),
                "regions", v -> d.regions(PATH + ".regions", YamlSource.strings(PATH + ".regions", v)),
                "tiers", v -> d.tiers(PATH + ".tiers", tiers(v, s))));
    }

    private static List<RegistriesConfig.Tier> tiers(JsonNode list, Sections s) {
        if (!list.isArray()) {
            throw new ConfigException(PATH + ".tiers", "expected a list of tiers");
        }
        List<RegistriesConfig.Tier> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : list) {
            String at = PATH + ".tiers[" + i++ + "]";
            Map<String, String> v = new LinkedHashMap<>();
            Map<String, Consumer<JsonNode>> fields = new LinkedHashMap<>();
            for (String f : List.of("slug", "name", "included_repositories", "included_storage_bytes",
                    "allow_storage_overage", "included_bandwidth_bytes", "allow_bandwidth_overage",
                    "monthly_price_in_cents", "storage_overage_price_in_cents", "max_registries")) {
                fields.put(f, n -> v.put(f, YamlSource.scalar(at + "." + f, n)));
            }
            s.section(at, item, fields);
            String slug = v.get("slug");
            if (slug == null || !slug.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new ConfigException(at + ".slug", "required: lowercase letters, digits and -");
            }
            out.add(new RegistriesConfig.Tier(slug, v.getOrDefault("name", slug),
                    number(at, "included_repositories", v, 0),
                    number(at, "included_storage_bytes", v, -1),
                    bool(at, "allow_storage_overage", v),
                    number(at, "included_bandwidth_bytes", v, -1),
                    bool(at, "allow_bandwidth_overage", v),
                    number(at, "monthly_price_in_cents", v, 0),
                    number(at, "storage_overage_price_in_cents", v, 0),
                    (int) number(at, "max_registries", v, 1)));
        }
        return out;
    }

    /** A non-negative number; {@code dflt} -1 means the field is required. */
    private static long number(String at, String field, Map<String, String> v, long dflt) {
        String raw = v.get(field);
        if (raw == null) {
            if (dflt < 0) {
                throw new ConfigException(at + "." + field, "required");
            }
            return dflt;
        }
        try {
            long n = Long.parseLong(raw.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(at + "." + field, "expected a whole number of 0 or more, got \"" + raw + "\"");
        }
    }

    private static boolean bool(String at, String field, Map<String, String> v) {
        String raw = v.get(field);
        return raw != null && Draft.parseBool(at + "." + field, raw);
    }
}
