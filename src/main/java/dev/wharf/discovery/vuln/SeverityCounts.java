package dev.wharf.discovery.vuln;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Findings counted by severity: critical, high, medium, low, unknown. */
public final class SeverityCounts {
    public static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "unknown");
    private final Map<String, Long> counts = new LinkedHashMap<>();

    public SeverityCounts() {
        LEVELS.forEach(l -> counts.put(l, 0L));
    }

    /** Counts one finding named by a scanner's severity word (CRITICAL, High, negligible, ...). */
    public void add(String severity) {
        String s = severity == null ? "unknown" : severity.strip().toLowerCase(Locale.ROOT);
        String level = switch (s) {
            case "critical" -> "critical";
            case "high", "error" -> "high";
            case "medium", "moderate", "warning" -> "medium";
            case "low", "negligible", "note", "info", "informational" -> "low";
            default -> "unknown";
        };
        counts.merge(level, 1L, Long::sum);
    }

    /** Counts one finding by CVSS score, as SARIF's {@code security-severity} gives it. */
    public void addScore(double score) {
        add(score >= 9.0 ? "critical" : score >= 7.0 ? "high" : score >= 4.0 ? "medium" : score > 0 ? "low" : "unknown");
    }

    public void addAll(SeverityCounts other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> asMap() {
        return new LinkedHashMap<>(counts);
    }
}
