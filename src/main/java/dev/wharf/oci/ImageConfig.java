package dev.wharf.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an image configuration blob (OCI or Docker) says about its image, as written: creation time, platform, the
 * run settings, labels (in the blob's order) and build history. Lenient on purpose, since it only describes: a blob
 * that is not a JSON object (an artifact's {@code {}} aside) is {@link #NONE}, and a field that is not a non-empty
 * string is absent (null); lists and maps are never null.
 */
public record ImageConfig(String created, String os, String architecture, String variant, List<String> env,
                          List<String> entrypoint, List<String> cmd, Map<String, String> labels,
                          List<HistoryEntry> history) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final ImageConfig NONE = new ImageConfig(null, null, null, null, List.of(), List.of(), List.of(),
            Map.of(), List.of());

    public ImageConfig {
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        history = List.copyOf(history);
    }

    /** One build step: when (as written), what created it, and whether it left a layer. */
    public record HistoryEntry(String created, String createdBy, String comment, boolean emptyLayer) {
        public Optional<Instant> createdAt() {
            return instant(created);
        }
    }

    /** Reads a configuration blob; never fails. */
    public static ImageConfig parse(byte[] blob) {
        JsonNode root;
        try {
            root = JSON.readTree(blob);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        if (root == null || !root.isObject()) {
            return NONE;
        }
        JsonNode run = root.path("config");
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode h : array(root.path("history"))) {
            history.add(new HistoryEntry(text(h.path("created")), text(h.path("created_by")), text(h.path("comment")),
                    h.path("empty_layer").asBoolean(false)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (run.path("Labels").isObject()) {
            run.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return new ImageConfig(text(root.path("created")), text(root.path("os")), text(root.path("architecture")),
                text(root.path("variant")), strings(run.path("Env")), strings(run.path("Entrypoint")),
                strings(run.path("Cmd")), labels, history);
    }

    /** The creation time, when the config states a parsable RFC 3339 one. */
    public Optional<Instant> createdAt() {
        return instant(created);
    }

    /** The platform the config states, when it names an os or an architecture. */
    public Optional<Platform> platform() {
        return os == null && architecture == null ? Optional.empty()
                : Optional.of(new Platform(os, architecture, variant));
    }

    private static Iterable<JsonNode> array(JsonNode n) {
        return n.isArray() ? n : List.of();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array(n)) {
            out.add(s.asText());
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    private static Optional<Instant> instant(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
