package dev.wharf.discovery;

import dev.wharf.discovery.graph.Kinds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovers CNCF Distribution 2.8.2 under Docker token auth: the Bearer flow against a real registry. */
@Tag("slow")
class DistributionTokenAuthTest {
    @TempDir
    static Path dir;
    private static TokenIssuer issuer;
    private static DistributionRegistry registry;
    private static Inventory inv;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(DistributionRegistry.installed(),
                "docker-registry (CNCF Distribution, Debian package docker-registry) is not installed; run bin/test-deps");
        issuer = new TokenIssuer("robot", "token-pa55word");
        registry = DistributionRegistry.start(dir, issuer);
        url = registry.uri().toString();
        String pushToken = issuer.issue(List.of("repository:team/app:pull,push", "repository:team/multi:pull,push",
                "repository:tools/scanner:pull,push"));
        inv = Inventory.push(new Pusher(registry.uri(), "Bearer " + pushToken), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void bearer_oneTokenPerScope_graphMatchesWhatWasPushed() {
        issuer.scopesAsked.clear();
        Discovery.Result r = Runs.run(Runs.provider("tok", "private", url,
                "      username: robot\n      password: token-pa55word\n"));

        assertThat(r.warnings()).isEmpty();
        InventoryCheck.fullGraph(r, inv, "tok", url, false);
        assertThat(r.graph().entities()).filteredOn(e -> e.kind().equals(Kinds.REGISTRY))
                .singleElement().satisfies(e -> assertThat(e.spec()).containsEntry("public", false));
        assertThat(issuer.scopesAsked).containsExactlyInAnyOrder("registry:catalog:*",
                "repository:team/app:pull", "repository:team/multi:pull", "repository:tools/scanner:pull");
    }

    @Test
    void bearer_wrongPassword_reportedWithoutTheSecret() {
        Discovery.Result r = Runs.run(Runs.provider("tok", "private", url,
                "      username: robot\n      password: not-token-pa55word\n"));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("token service", "refused a token for registry:catalog:*", "HTTP 401")
                .doesNotContain("not-token-pa55word"));
    }

    @Test
    void bearer_anonymous_tokenRefused() {
        Discovery.Result r = Runs.run(Runs.provider("tok", "private", url, ""));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("HTTP 401"));
    }
}
