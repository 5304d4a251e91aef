package dev.wharf.discovery;

import dev.wharf.discovery.Pusher.Image;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Kinds;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole graph an {@link Inventory} must produce with the default selector, checked exactly. */
final class InventoryCheck {
    private InventoryCheck() {
    }

    static GraphCheck fullGraph(Discovery.Result r, Inventory inv, String provider, String url, boolean reports) {
        assertThat(r.errors()).isEmpty();
        GraphCheck g = new GraphCheck(r.graph(), provider, url, "private");
        g.counts(3, 8, 8);
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
        assertThat(g.entity(Kinds.REPOSITORY, provider, "team/app").spec())
                .containsEntry("last_updated", "2024-03-01T00:00:00Z").containsEntry("official", false);
        if (reports) {
            reports(g, provider);
        }
        return g;
    }

    private static void reports(GraphCheck g, String provider) {
        Map<String, Object> sarif = vulnerabilities(g.entity(Kinds.IMAGE, provider, "team/app", "2.0"));
        assertThat(sarif).containsEntry("status", "found").containsEntry("reports", 1).containsEntry("total", 4L);
        assertThat(sarif.get("by_severity")).isEqualTo(
                Map.of("critical", 1L, "high", 1L, "medium", 1L, "low", 1L, "unknown", 0L));
        assertThat(vulnerabilities(g.entity(Kinds.IMAGE, provider, "team/app", "latest"))).isEqualTo(sarif);
        Map<String, Object> trivy = vulnerabilities(g.entity(Kinds.IMAGE, provider, "team/multi", "1.0", "linux", "amd64"));
        assertThat(trivy).containsEntry("status", "found").containsEntry("reports", 1).containsEntry("total", 5L);
        assertThat(trivy.get("by_severity")).isEqualTo(
                Map.of("critical", 1L, "high", 2L, "medium", 0L, "low", 1L, "unknown", 1L));
        for (List<String> none : List.of(List.of("team/app", "1.1"), List.of("team/app", "1.0"),
                List.of("tools/scanner", "v1"), List.of("team/multi", "1.0", "linux", "arm64", "v8"))) {
            String[] name = new String[none.size() + 1];
            name[0] = provider;
            for (int i = 0; i < none.size(); i++) {
                name[i + 1] = none.get(i);
            }
            assertThat(vulnerabilities(g.entity(Kinds.IMAGE, name))).containsEntry("status", "none")
                    .containsEntry("reports", 0);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> vulnerabilities(Entity image) {
        return (Map<String, Object>) image.spec().get("vulnerabilities");
    }
}
