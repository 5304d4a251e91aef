package dev.wharf.discovery.vuln;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportParserTest {
    @Test
    void grypeAndGenericJson() {
        ReportParser.Parsed g = parse("{\"matches\":[{\"vulnerability\":{\"severity\":\"Critical\"}},"
                + "{\"vulnerability\":{\"severity\":\"Negligible\"}},{\"vulnerability\":{}}]}");
        assertThat(g.format()).isEqualTo("grype");
        assertThat(g.counts().asMap()).isEqualTo(Map.of("critical", 1L, "high", 0L, "medium", 0L, "low", 1L, "unknown", 1L));
        ReportParser.Parsed j = parse("{\"vulnerabilities\":[{\"severity\":\"moderate\"},{\"severity\":\"high\"}]}");
        assertThat(j.format()).isEqualTo("json");
        assertThat(j.counts().total()).isEqualTo(2);
    }

    @Test
    void sarif_scoreBeatsLevel_andRuleDefaultsApply() {
        ReportParser.Parsed s = parse("""
                {"runs":[{"tool":{"driver":{"rules":[{"id":"A","defaultConfiguration":{"level":"note"}}]}},
                  "results":[{"ruleId":"A"},{"ruleId":"B","level":"error","properties":{"security-severity":"4.0"}},
                             {"ruleId":"C","level":"none"}]}]}""");
        assertThat(s.format()).isEqualTo("sarif");
        assertThat(s.counts().asMap()).isEqualTo(Map.of("critical", 0L, "high", 0L, "medium", 1L, "low", 1L, "unknown", 1L));
    }

    @Test
    void notAReport_isEmpty() {
        assertThat(ReportParser.parse("{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ReportParser.parse("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ReportParser.parse("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    private static ReportParser.Parsed parse(String json) {
        return ReportParser.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
