package dev.wharf.discovery;

import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Kinds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovers CNCF Distribution 2.8.2 started here with htpasswd (Basic) auth. It has no referrers API, so reports
 * are found through the referrers tag schema.
 */
@Tag("slow")
class DistributionDiscoveryTest {
    @TempDir
    static Path dir;
    private static DistributionRegistry registry;
    private static Inventory inv;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(DistributionRegistry.installed(),
                "docker-registry (CNCF Distribution, Debian package docker-registry) is not installed; run bin/test-deps");
        registry = DistributionRegistry.start(dir);
        url = registry.uri().toString();
        inv = Inventory.push(new Pusher(registry.uri(), DistributionRegistry.basicAuth()), true, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void withCredentials_graphMatchesWhatWasPushed() {
        Discovery.Result r = Runs.run(Runs.provider("dist", "private", url, """
                      username: pusher
                      password: ${DIST_PASSWORD}
                      page_size: 2
                      discover_vulnerabilities: true
                """), Map.of("DIST_PASSWORD", DistributionRegistry.PASSWORD));

        assertThat(r.warnings()).isEmpty();
        GraphCheck g = InventoryCheck.fullGraph(r, inv, "dist", url, true);
        Entity registryEntity = g.entity(Kinds.REGISTRY, "dist");
        assertThat(registryEntity.spec()).containsEntry("public", false).containsEntry("version", "registry/2.0");
    }

    @Test
    void selectors_filterExactly() {
        Discovery.Result r = Runs.run(Runs.provider("dist", "private", url, """
                      username: pusher
                      password: distribution-pa55
                      selectors:
                        - namespace_pattern: "t.*"
                          repository_pattern: "app|scanner"
                          exclude_tags: ["v.*", "latest"]
                          max_tags: 2
                """));
        assertThat(r.errors()).isEmpty();
        GraphCheck g = new GraphCheck(r.graph(), "dist", url, "private");
        g.counts(2, 2, 2);
        g.repository("team/app");
        g.repository("tools/scanner");
        g.image(inv.app.get(2), "2.0", null, null);
        g.image(inv.app.get(1), "1.1", null, null);
        g.exactRelationships();
    }

    @Test
    void withoutCredentials_failsNamingTheMissingCredentials() {
        Discovery.Result r = Runs.run(Runs.provider("dist", "private", url, ""));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("requires Basic authentication", "no username/password"));
        assertThat(r.warnings()).as("the auth problem, not the selectors, is what is reported").isEmpty();
        assertThat(r.outcomes()).singleElement().satisfies(o -> assertThat(o.listed()).isFalse());
    }

    @Test
    void wrongPassword_failsAsUnauthorizedWithoutTheSecret() {
        Discovery.Result r = Runs.run(Runs.provider("dist", "private", url,
                "      username: pusher\n      password: not-the-pa55word\n"));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("_catalog", "unauthorized").doesNotContain("not-the-pa55word"));
    }
}
