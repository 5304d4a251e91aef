package dev.wharf.discovery;

import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Kinds;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


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

        assertThat(r.warnings()).isEmpty();
        GraphCheck g = InventoryCheck.fullGraph(r, inv, "wharf", url, true);
        Entity registry = g.entity(Kinds.REGISTRY, "wharf");
        assertThat(registry.spec()).containsEntry("registry_type", "private").containsEntry("url", url)
                .containsEntry("public", true).containsEntry("version", "registry/2.0");
        assertThat(registry.metadata().namespace()).isEqualTo("inventory");
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
}
