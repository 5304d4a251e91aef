package dev.wharf.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.meta.MetadataFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

/** Writes that share a SQLite commit still succeed or fail one by one. */
class GroupCommitTest {
    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("g.db"), null, null);
        db.write(tx -> tx.update("CREATE TABLE t (k INTEGER PRIMARY KEY)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void concurrentWrites_failingOnesRollBackAlone_othersCommit() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<String> outcomes = concurrently(32, () -> {
            int k = next.getAndIncrement();
            try {
                return db.write(tx -> {
                    tx.update("INSERT INTO t (k) VALUES (?)", k);
                    if (k % 4 == 0) {
                        throw new IllegalStateException("refused " + k);
                    }
                    return "stored " + k;
                });
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });

        List<Integer> stored = db.read(tx -> tx.list("SELECT k FROM t ORDER BY k", rs -> rs.getInt(1)));
        assertThat(stored).hasSize(24).allMatch(k -> k % 4 != 0);
        assertThat(outcomes).hasSize(32)
                .filteredOn(o -> o.startsWith("refused")).hasSize(8)
                .allMatch(o -> Integer.parseInt(o.substring(8)) % 4 == 0);
    }

    @Test
    void concurrentWrites_sqlErrorFailsOnlyItsOwnWrite() throws Exception {
        db.write(tx -> tx.update("INSERT INTO t (k) VALUES (0)"));
        AtomicInteger next = new AtomicInteger();
        List<String> outcomes = concurrently(16, () -> {
            int k = next.getAndIncrement(); // k = 0 collides with the row above
            try {
                db.write(tx -> tx.update("INSERT INTO t (k) VALUES (?)", k + 100 * (k == 0 ? 0 : 1)));
                return "ok";
            } catch (MetadataException e) {
                return "failed";
            }
        });

        assertThat(outcomes).containsOnlyOnce("failed");
        int rows = db.read(tx -> tx.one("SELECT count(*) FROM t", rs -> rs.getInt(1)).orElseThrow());
        assertThat(rows).isEqualTo(16);
    }
}
