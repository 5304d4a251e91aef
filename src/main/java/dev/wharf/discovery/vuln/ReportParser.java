package dev.wharf.discovery.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the findings of one vulnerability report by severity. Understands SARIF 2.1 (severity from the rule's
 * {@code security-severity} score, else the result's level), Trivy JSON ({@code Results[].Vulnerabilities[]}),
 * Grype JSON ({@code matches[].vulnerability}) and a generic {@code vulnerabilities[].severity} list.
 */
public final class ReportParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportParser() {
    }

    /** The report's format and counts, or empty when the bytes are not a report discovery understands. */
    public static Optional<Parsed> parse(byte[] report) {
        JsonNode root;
        try {
            root = JSON.readTree(report);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        SeverityCounts c = new SeverityCounts();
        if (root.path("runs").isArray()) {
            root.path("runs").forEach(run -> sarifRun(run, c));
            return Optional.of(new Parsed("sarif", c));
        }
        if (root.path("Results").isArray()) {
            root.path("Results").forEach(r -> r.path("Vulnerabilities").forEach(v -> c.add(v.path("Severity").asText(null))));
            return Optional.of(new Parsed("trivy", c));
        }
        if (root.path("matches").isArray()) {
            root.path("matches").forEach(m -> c.add(m.path("vulnerability").path("severity").asText(null)));
            return Optional.of(new Parsed("grype", c));
        }
        if (root.path("vulnerabilities").isArray()) {
            root.path("vulnerabilities").forEach(v -> c.add(v.path("severity").asText(null)));
            return Optional.of(new Parsed("json", c));
        }
        return Optional.empty();
    }

    public record Parsed(String format, SeverityCounts counts) {
    }

    private static void sarifRun(JsonNode run, SeverityCounts c) {
        Map<String, JsonNode> rulesById = new HashMap<>();
        JsonNode rules = run.path("tool").path("driver").path("rules");
        rules.forEach(r -> rulesById.put(r.path("id").asText(), r));
        for (JsonNode result : run.path("results")) {
            JsonNode rule = result.has("ruleIndex") && rules.has(result.path("ruleIndex").asInt())
                    ? rules.get(result.path("ruleIndex").asInt()) : rulesById.get(result.path("ruleId").asText());
            Optional<Double> score = score(result.path("properties")).or(() -> rule == null ? Optional.empty()
                    : score(rule.path("properties")));
            if (score.isPresent()) {
                c.addScore(score.get());
            } else {
                String level = result.path("level").asText(rule == null ? null
                        : rule.path("defaultConfiguration").path("level").asText(null));
                c.add(level == null || level.equals("none") ? "unknown" : level);
            }
        }
    }

    private static Optional<Double> score(JsonNode properties) {
        JsonNode s = properties.get("security-severity");
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(s.asText()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
