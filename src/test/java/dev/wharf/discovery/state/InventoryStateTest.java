package dev.wharf.discovery.state;

import dev.wharf.discovery.ProviderOutcome;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.EntityRef;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as removed: only what a provider that listed its repositories no longer has, outside failed ones. Runs
 * on a standalone SQLite file and on PostgreSQL migrated by Wharf itself (V5).
 */
class InventoryStateTest {
    @TempDir
    Path dir;

    /** A SQLite file, or a fresh PostgreSQL schema that Wharf's own migrations prepared. */
    private String target(String engine) throws Exception {
        if (engine.equals("sqlite")) {
            return dir.resolve("state.db").toString();
        }
        String url = TestPostgres.shared().newSchemaUrl("inv");
        JdbcMetadataStore.open(url, TestPostgres.USER, null).close();
        return url;
    }

    private static Entity repo(String name, String description) {
        return new Entity("v1", "DockerRepository", new Entity.Metadata(name, "ns",
                Map.of("p/provider", "hub", "p/repository-name", name)), Map.of("description", description));
    }

    private Changes update(InventoryState s, List<Entity> current, ProviderOutcome outcome) throws Exception {
        return s.update(current, List.of(outcome), e -> e.metadata().labels().get("p/provider"),
                e -> e.metadata().labels().get("p/repository-name"));
    }

    private static List<String> names(List<EntityRef> refs) {
        return refs.stream().map(EntityRef::name).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void removals_onlyWhenListedAndNotFailed(String engine) throws Exception {
        try (InventoryState s = InventoryState.open(target(engine), Clock.systemUTC())) {
            Changes first = update(s, List.of(repo("a", "x"), repo("b", "x")), new ProviderOutcome("hub", true, Set.of()));
            assertThat(names(first.added())).containsExactly("a", "b");

            Changes bFailed = update(s, List.of(repo("a", "y")), new ProviderOutcome("hub", true, Set.of("b")));
            assertThat(names(bFailed.changed())).containsExactly("a");
            assertThat(bFailed.removed()).isEmpty();

            Changes unlisted = update(s, List.of(), new ProviderOutcome("hub", false, Set.of()));
            assertThat(unlisted.added()).isEmpty();
            assertThat(unlisted.removed()).isEmpty();

            Changes gone = update(s, List.of(repo("a", "y")), new ProviderOutcome("hub", true, Set.of()));
            assertThat(gone.changed()).isEmpty();
            assertThat(names(gone.removed())).containsExactly("b");

            Changes again = update(s, List.of(repo("a", "y")), new ProviderOutcome("hub", true, Set.of()));
            assertThat(again.added()).isEmpty();
            assertThat(again.changed()).isEmpty();
            assertThat(again.removed()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void otherProviders_areLeftAlone(String engine) throws Exception {
        try (InventoryState s = InventoryState.open(target(engine), Clock.systemUTC())) {
            update(s, List.of(repo("a", "x")), new ProviderOutcome("hub", true, Set.of()));
            Changes other = update(s, List.of(), new ProviderOutcome("ghcr", true, Set.of()));
            assertThat(other.removed()).isEmpty();
        }
    }
}
