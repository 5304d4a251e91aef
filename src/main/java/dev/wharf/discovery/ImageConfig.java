package dev.wharf.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an image's config blob says about it: creation time (as written, RFC 3339), labels, os, architecture and
 * variant. A config that is not an image config (an artifact's empty {@code {}}) yields nulls and no labels.
 */
public record ImageConfig(String created, Map<String, String> labels, String os, String architecture, String variant) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final ImageConfig NONE = new ImageConfig(null, Map.of(), null, null, null);

    public ImageConfig {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public static ImageConfig parse(byte[] blob) {
        JsonNode root;
        try {
            root = JSON.readTree(blob);
        } catch (IOException e) {
            return NONE;
        }
        if (root == null || !root.isObject()) {
            return NONE;
        }
        Map<String, String> labels = new TreeMap<>();
        JsonNode l = root.path("config").path("Labels");
        if (l.isObject()) {
            l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return new ImageConfig(text(root, "created"), labels, text(root, "os"), text(root, "architecture"),
                text(root, "variant"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || !n.isTextual() || n.asText().isEmpty() ? null : n.asText();
    }
}
