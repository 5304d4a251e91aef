package dev.wharf.http;

import dev.wharf.config.WharfConfig;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestPostgres;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wharf serve} with PostgreSQL metadata: push and pull, and an upload continued on a second node. */
class PostgresServerTest {
    /** This class's schema on the shared server; its servers share it as nodes of one deployment would. */
    static String url;

    @BeforeAll
    static void newSchema() throws Exception {
        url = TestPostgres.shared().newSchemaUrl("serve");
    }

    private static WharfConfig onPostgres(WharfConfig c) {
        return c.withDatabase(new WharfConfig.Database(url, TestPostgres.USER, null));
    }

    @Test
    void twoNodesOnOnePostgres_shareUploadsManifestsAndTags(@TempDir Path shared) throws Exception {
        try (TestRegistry a = TestRegistry.start(c -> onPostgres(TestRegistry.configFor(shared, true, java.util.Map.of())));
             TestRegistry b = TestRegistry.start(c -> onPostgres(TestRegistry.configFor(shared, true, java.util.Map.of())))) {
            RegistryClient ca = a.client();
            RegistryClient cb = b.client();
            byte[] manifest = ca.pushImage("pg/app", "v1", "pg layer".getBytes(StandardCharsets.UTF_8));
            assertThat(cb.get("/v2/pg/app/manifests/v1").body()).isEqualTo(manifest);
            assertThat(RegistryClient.json(cb.get("/v2/pg/app/tags/list")).path("tags").get(0).asText()).isEqualTo("v1");

            // an upload started on node a is continued and completed on node b
            var start = ca.send(ca.request("/v2/pg/app/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()).build());
            String loc = start.headers().firstValue("Location").orElseThrow();
            byte[] part1 = "first half ".getBytes(StandardCharsets.UTF_8);
            byte[] part2 = "second half".getBytes(StandardCharsets.UTF_8);
            var patch = ca.send(ca.request(loc).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(part1)).build());
            assertThat(patch.statusCode()).isEqualTo(202);
            byte[] all = "first half second half".getBytes(StandardCharsets.UTF_8);
            Digest d = Digest.sha256(all);
            var put = cb.send(cb.request(loc + "?digest=" + d).PUT(HttpRequest.BodyPublishers.ofByteArray(part2)).build());
            assertThat(put.statusCode()).isEqualTo(201);
            assertThat(ca.get("/v2/pg/app/blobs/" + d).body()).isEqualTo(all);
        }
    }
}
