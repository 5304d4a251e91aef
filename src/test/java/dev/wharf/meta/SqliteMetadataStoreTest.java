package dev.wharf.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.concurrently;
import static dev.wharf.meta.MetadataFixtures.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The metadata contract on SQLite, one database file per test. */
class SqliteMetadataStoreTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    private int databases;

    @Override
    protected String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("meta-" + (databases++) + ".db");
    }

    @Test
    void connections_areWalWithFullSyncAndForeignKeys() {
        Database db = jdbc.database();
        assertThat(db.write(SqliteMetadataStoreTest::pragmas)).containsExactly("wal", "2", "1", "10000");
        assertThat(db.read(SqliteMetadataStoreTest::pragmas)).containsExactly("wal", "2", "1", "10000");
    }

    private static List<String> pragmas(Tx tx) throws java.sql.SQLException {
        return List.of(
                tx.one("PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow(),
                tx.one("PRAGMA synchronous", rs -> rs.getString(1)).orElseThrow(), // 2 = FULL
                tx.one("PRAGMA foreign_keys", rs -> rs.getString(1)).orElseThrow(),
                tx.one("PRAGMA busy_timeout", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void readConnections_cannotWrite() {
        assertThatThrownBy(() -> jdbc.database().read(tx -> tx.update("DELETE FROM uploads")))
                .isInstanceOf(MetadataException.class);
    }

    @Test
    void listingQueries_useIndexesNotScans() {
        Database db = jdbc.database();
        String tags = plan(db, "SELECT name FROM tags WHERE repository_id = 1 AND name > 'a' ORDER BY name LIMIT 10");
        String repos = plan(db, "SELECT r.name FROM repositories r WHERE r.name > 'a' AND (EXISTS (SELECT 1 FROM"
                + " manifests m WHERE m.repository_id = r.id) OR EXISTS (SELECT 1 FROM repository_blobs b WHERE"
                + " b.repository_id = r.id)) ORDER BY r.name LIMIT 10");

        assertThat(tags).contains("SEARCH tags USING").contains("(repository_id=? AND name>?)")
                .doesNotContain("TEMP B-TREE");
        assertThat(repos).contains("SEARCH r USING COVERING INDEX").doesNotContain("TEMP B-TREE")
                .doesNotContain("SCAN m").doesNotContain("SCAN b");
    }

    private static String plan(Database db, String sql) {
        List<String> rows = db.read(tx -> tx.list("EXPLAIN QUERY PLAN " + sql, rs -> rs.getString("detail")));
        return String.join("\n", rows);
    }

    @Test
    void twoStoresOnOneFile_writeConcurrentlyWithoutBusyErrors() throws Exception {
        // like the CLI running gc next to the server: the second writer waits on busy_timeout, never fails
        try (JdbcMetadataStore second = open(url)) {
            AtomicInteger next = new AtomicInteger();
            concurrently(16, () -> {
                int t = next.getAndIncrement();
                MetadataStore s = t % 2 == 0 ? store : second;
                for (int i = 0; i < 5; i++) {
                    s.linkBlob(REPO, digest("b" + t + "-" + i), i);
                }
                return null;
            });
            assertThat(second.linkedBlobSize(REPO, digest("b0-4"))).contains(4L);
            assertThat(store.linkedBlobSize(REPO, digest("b15-4"))).contains(4L);
        }
    }

    @Test
    void open_missingDirectory_isMetadataException() {
        String bad = "jdbc:sqlite:" + dir.resolve("no/such/dir/meta.db");
        assertThatThrownBy(() -> JdbcMetadataStore.open(bad, null, null)).isInstanceOf(MetadataException.class);
    }

    @Test
    void inMemoryDatabase_isRejected() {
        assertThatThrownBy(() -> JdbcMetadataStore.open("jdbc:sqlite::memory:", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
