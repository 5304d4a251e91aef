package dev.wharf.gc;

import dev.wharf.gc.GcFixtures.Image;
import dev.wharf.http.WharfServer;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.wharf.gc.GcFixtures.bytes;
import static dev.wharf.gc.GcFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database an earlier version left with blob records whose bytes a crashed collection had deleted: the first start
 * removes those records (HEAD and GET both answer 404, so clients upload again), keeps the rest, and records that the
 * scan is done so later starts skip it.
 */
class LostBytesRepairTest {

    @Test
    void recordsWhoseBytesAreMissing_areRemovedAtTheFirstStart_andTheBlobCanBePushedAgain(@TempDir Path root)
            throws Exception {
        Image img;
        Digest lostGarbage;
        Digest keptGarbage;
        try (Server s = Server.on(root)) {
            img = image(s.client(), "old/app", "v1", "cfg", bytes("layer whose bytes a crash lost"));
            lostGarbage = s.client().pushBlob("old/junk", bytes("unreferenced, lost"));
            keptGarbage = s.client().pushBlob("old/junk", bytes("unreferenced, kept"));
        }
        Digest lostLayer = img.layers().getFirst();
        Files.delete(blobFile(root, lostLayer));
        Files.delete(blobFile(root, lostGarbage));
        asBeforeTheRepairExisted(root);

        try (Server s = Server.on(root)) {
            RegistryClient c = s.client();
            for (var lost : Map.of("old/app", lostLayer, "old/junk", lostGarbage).entrySet()) {
                String path = "/v2/" + lost.getKey() + "/blobs/" + lost.getValue();
                assertThat(c.head(path).statusCode()).as("HEAD %s", lost.getValue()).isEqualTo(404);
                assertThat(c.get(path).statusCode()).as("GET %s", lost.getValue()).isEqualTo(404);
            }
            assertThat(c.get("/v2/old/app/blobs/" + img.config()).statusCode()).isEqualTo(200);
            assertThat(c.get("/v2/old/junk/blobs/" + keptGarbage).statusCode()).isEqualTo(200);

            c.pushBlob("old/app", bytes("layer whose bytes a crash lost"));
            var again = c.get("/v2/old/app/blobs/" + lostLayer);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(Digest.sha256(again.body())).isEqualTo(lostLayer);
        }
        assertThat(query(root, "SELECT name FROM repairs")).containsExactly(LostBytesRepair.NAME);
    }

    /**
     * The schema of a version before the repair: its migration and the later ones not applied yet (no-ops on such
     * a version). Later migrations are undone too, so Flyway sees a plain upgrade, not a gap.
     */
    private static void asBeforeTheRepairExisted(Path root) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("wharf.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS repairs");
            s.execute("DROP TABLE IF EXISTS event_outbox");
            s.execute("DROP TABLE IF EXISTS event_cursors");
            s.execute("DELETE FROM flyway_schema_history WHERE version IN ('8', '9')");
        }
    }

    private static List<String> query(Path root, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("wharf.db"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static Path blobFile(Path root, Digest d) {
        return root.resolve("blobs").resolve(d.algorithm().prefix()).resolve(d.hex().substring(0, 2)).resolve(d.hex());
    }

    /** An in-process server on a given data directory, restartable on the same one. */
    private record Server(WharfServer server) implements AutoCloseable {
        static Server on(Path root) throws Exception {
            return new Server(WharfServer.start(TestRegistry.configFor(root, true, Map.of())));
        }

        RegistryClient client() {
            return new RegistryClient(server.baseUri());
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
