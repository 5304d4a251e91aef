package dev.wharf.meta;

import dev.wharf.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.wharf.meta.MetadataFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The metadata contract on PostgreSQL: the shared embedded server, a fresh schema per test ({@link TestPostgres}). */
class PostgresMetadataStoreTest extends MetadataStoreContract {


    @Override
    protected String newDatabaseUrl() throws Exception {
        return TestPostgres.shared().newSchemaUrl("t");
    }

    @Override
    protected String user() {
        return "postgres";
    }

    @Test
    void sortableColumns_useCCollation() {
        List<String> collations = jdbc.database().read(tx -> tx.list(
                "SELECT table_name || '.' || column_name || '=' || collation_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema()"
                        + " AND (table_name, column_name) IN (('tags', 'name'), ('repositories', 'name'))"
                        + " ORDER BY table_name", rs -> rs.getString(1)));

        assertThat(collations).containsExactly("repositories.name=C", "tags.name=C");
    }

    @Test
    void listingQueries_canWalkAnIndexWithoutSorting() {
        // tables are tiny here, so forbid seq scans and sorts: the plan must then be a plain index walk, which is
        // only possible when the indexes' collation ("C") matches the ORDER BY
        String tags = plan("SELECT name FROM tags WHERE repository_id = 1 AND name > 'a' ORDER BY name LIMIT 10");
        String repos = plan("SELECT r.name FROM repositories r WHERE r.name > 'a' ORDER BY r.name LIMIT 10");

        assertThat(tags).contains("Index Only Scan using tags_pkey").doesNotContain("Sort");
        assertThat(repos).contains("Index Only Scan using repositories_name_key").doesNotContain("Sort");
    }

    private String plan(String sql) {
        List<String> rows = jdbc.database().read(tx -> {
            tx.update("SET LOCAL enable_seqscan = off");
            tx.update("SET LOCAL enable_sort = off");
            return tx.list("EXPLAIN " + sql, rs -> rs.getString(1));
        });
        return String.join("\n", rows);
    }

    @Test
    void open_unreachableServer_isMetadataException() {
        assertThatThrownBy(() -> JdbcMetadataStore.open("jdbc:postgresql://127.0.0.1:1/wharf", "postgres", null))
                .isInstanceOf(MetadataException.class);
    }

    @Test
    void nodesStartingTogether_migrateOnce() throws Exception {
        String fresh = newDatabaseUrl();

        List<JdbcMetadataStore> stores = concurrently(4, () -> open(fresh));
        try {
            stores.forEach(MetadataStore::check);
            // each migration applied exactly once, however many versions there are
            List<Integer> perVersion = stores.getFirst().database().read(tx -> tx.list(
                    "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                            + " GROUP BY version", rs -> rs.getInt(1)));
            assertThat(perVersion).isNotEmpty().containsOnly(1);
        } finally {
            stores.forEach(JdbcMetadataStore::close);
        }
    }

    /** Every versioned migration shipped, so adding one does not break this test. */
    private static int migrationFiles() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                PostgresMetadataStoreTest.class.getResource("/db/migration/common").toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
