package dev.wharf.http.ui;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of an image configuration blob the UI shows. Any field may be null or empty. */
record ImageConfig(Instant created, String os, String architecture, String variant, List<String> env,
                   List<String> entrypoint, List<String> cmd, Map<String, String> labels, List<HistoryEntry> history) {

    static final ImageConfig NONE = new ImageConfig(null, null, null, null, List.of(), List.of(), List.of(), Map.of(),
            List.of());

    /** One build step: when, what created it, and whether it left a layer. */
    record HistoryEntry(Instant created, String createdBy, String comment, boolean emptyLayer) {
    }

    String platform() {
        return Platforms.format(os, architecture, variant);
    }

    static ImageConfig of(JsonNode json) {
        JsonNode c = json.path("config");
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode h : json.path("history")) {
            history.add(new HistoryEntry(instant(h.path("created")), text(h.path("created_by")),
                    text(h.path("comment")), h.path("empty_layer").asBoolean(false)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ImageConfig(instant(json.path("created")), text(json.path("os")), text(json.path("architecture")),
                text(json.path("variant")), strings(c.path("Env")), strings(c.path("Entrypoint")),
                strings(c.path("Cmd")), labels, history);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    private static Instant instant(JsonNode n) {
        String s = text(n);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
