package dev.wharf.discovery;

import dev.wharf.discovery.Pusher.Image;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Kinds;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovers a real Wharf, started here, as a {@code private} registry without auth. */
class WharfDiscoveryTest {
    private static TestRegistry wharf;
    private static Inventory inv;
    private static String url;

    @BeforeAll
    static void push() throws Exception {
        wharf = TestRegistry.start();
        url = wharf.uri().toString();
        inv = Inventory.push(new Pusher(wharf.uri(), null), true);
    }

    @AfterAll
    static void stop() throws Exception {
        wharf.close();
    }

    @Test
    void everything_graphMatchesWhatWasPushed_withPaginationIndexAndReports() {
        Discovery.Result r = Runs.run(Runs.provider("wharf", "private", url,
                "      page_size: 1\n      discover_vulnerabilities: true\n"));

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        GraphCheck g = new GraphCheck(r.graph(), "wharf", url, "private");
        g.counts(3, 8, 8);
        Entity registry = g.entity(Kinds.REGISTRY, "wharf");
        assertThat(registry.spec()).containsEntry("registry_type", "private").containsEntry("url", url)
                .containsEntry("public", true).containsEntry("version", "registry/2.0");
        assertThat(registry.metadata().namespace()).isEqualTo("inventory");
        g.repository("team/app");
        g.repository("team/multi");
        g.repository("tools/scanner");
        for (Image i : inv.allTaggedImages()) {
            g.image(i, i.tag(), null, null);
        }
        g.image(inv.amd64, "1.0", inv.index, null);
        g.image(inv.arm64, "1.0", inv.index, "v8");
        g.index("team/multi", inv.index, inv.indexPayload);
        g.exactRelationships();
        assertThat(g.entity(Kinds.REPOSITORY, "wharf", "team/app").spec())
                .containsEntry("last_updated", "2024-03-01T00:00:00Z").containsEntry("official", false);

        Map<String, Object> sarif = vulnerabilities(g.entity(Kinds.IMAGE, "wharf", "team/app", "2.0"));
        assertThat(sarif).containsEntry("status", "found").containsEntry("reports", 1).containsEntry("total", 4L);
        assertThat(sarif.get("by_severity")).isEqualTo(
                Map.of("critical", 1L, "high", 1L, "medium", 1L, "low", 1L, "unknown", 0L));
        assertThat(vulnerabilities(g.entity(Kinds.IMAGE, "wharf", "team/app", "latest"))).isEqualTo(sarif);
        Map<String, Object> trivy = vulnerabilities(g.entity(Kinds.IMAGE, "wharf", "team/multi", "1.0", "linux", "amd64"));
        assertThat(trivy).containsEntry("status", "found").containsEntry("total", 5L);
        assertThat(trivy.get("by_severity")).isEqualTo(
                Map.of("critical", 1L, "high", 2L, "medium", 0L, "low", 1L, "unknown", 1L));
        for (String[] none : List.of(new String[] {"team/app", "1.1"}, new String[] {"team/app", "1.0"},
                new String[] {"tools/scanner", "v1"}, new String[] {"team/multi", "1.0", "linux", "arm64", "v8"})) {
            String[] name = new String[none.length + 1];
            name[0] = "wharf";
            System.arraycopy(none, 0, name, 1, none.length);
            assertThat(vulnerabilities(g.entity(Kinds.IMAGE, name))).containsEntry("status", "none")
                    .containsEntry("reports", 0);
        }
    }

    @Test
    void vulnerabilitiesOff_specSaysNull() {
        Discovery.Result r = Runs.run(Runs.provider("wharf", "private", url,
                "      selectors:\n        - repository_pattern: app\n"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.IMAGE)).hasSize(4)
                .allSatisfy(e -> assertThat(e.spec()).containsEntry("vulnerabilities", null));
    }

    @Test
    void selectors_filterRepositoriesAndTagsExactly() {
        Discovery.Result r = Runs.run(Runs.provider("wharf", "private", url, """
                      selectors:
                        - namespace_pattern: team
                          repository_pattern: app
                          exclude_tags: ["latest", "1\\\\.0"]
                          max_tags: 1
                        - namespace_pattern: tools
                          include_tags: [v1, nonexistent]
                """));
        assertThat(r.errors()).isEmpty();
        GraphCheck g = new GraphCheck(r.graph(), "wharf", url, "private");
        g.counts(2, 2, 2);
        g.repository("team/app");
        g.repository("tools/scanner");
        g.image(inv.app.get(2), "2.0", null, null);
        g.image(inv.scanner.get(0), "v1", null, null);
        g.exactRelationships();
    }

    @Test
    void maxTags_keepsTheNewestByCreationTime() {
        Discovery.Result r = Runs.run(Runs.provider("wharf", "private", url, """
                      selectors:
                        - repository_pattern: app
                          exclude_tags: [latest]
                          max_tags: 2
                """));
        assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.IMAGE))
                .extracting(e -> e.spec().get("tag")).containsExactlyInAnyOrder("2.0", "1.1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> vulnerabilities(Entity image) {
        return (Map<String, Object>) image.spec().get("vulnerabilities");
    }
}
