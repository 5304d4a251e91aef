package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.oci.Digest;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wharf discover} end to end against a real Wharf: output formats, state and change reports, exit codes. */
class DiscoverCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestRegistry wharf;
    private RegistryClient client;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws Exception {
        wharf = TestRegistry.start();
        client = wharf.client();
    }

    @AfterEach
    void stop() throws Exception {
        wharf.close();
    }

    private int run(Map<String, String> env, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Main.commandLine(env, List::of, s -> { });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path config(String extra) throws Exception {
        Path f = dir.resolve("discover.yml");
        Files.writeString(f, "providers:\n  - name: local\n    type: docker\n    config:\n      registry_type: private\n"
                + "      api_url: " + wharf.uri() + "\n      namespace: inventory\n" + extra);
        return f;
    }

    @Test
    void state_reportsAddedChangedRemovedBetweenRuns() throws Exception {
        byte[] first = client.pushImage("team/app", "1.0", bytes("layer 1.0"));
        client.pushImage("team/app", "1.1", bytes("layer 1.1"));
        Path cfg = config("");
        Path state = dir.resolve("state.db");
        Path output = dir.resolve("graph.json");

        assertThat(run(Map.of(), "discover", "-c", cfg.toString(), "-o", output.toString(), "--state", state.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).isEmpty();
        JsonNode graph = JSON.readTree(output.toFile());
        assertThat(graph.path("entities")).hasSize(6);
        assertThat(graph.path("relationships")).hasSize(1 + 2 + 2 + 2);
        assertThat(graph.path("errors")).isEmpty();
        assertThat(err.toString()).contains("discovered 1 registries, 1 repositories, 2 manifests, 2 images, 7 relationships",
                "changes since the last run: 6 added, 0 changed, 0 removed", "no errors");

        client.pushImage("team/app", "2.0", bytes("layer 2.0"));
        client.pushImage("team/app", "1.1", bytes("layer 1.1 rebuilt"));
        assertThat(client.delete("/v2/team/app/manifests/" + Digest.sha256(first)).statusCode()).isEqualTo(202);

        assertThat(run(Map.of(), "discover", "-c", cfg.toString(), "-o", output.toString(), "--state", state.toString(),
                "--report")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("changes since the last run: 3 added, 1 changed, 3 removed",
                "+ DockerImage inventory/local-team-app-2.0", "~ DockerImage inventory/local-team-app-1.1",
                "- DockerImage inventory/local-team-app-1.0",
                "- DockerManifest inventory/local-team-app-sha256-" + Digest.sha256(first).hex());

        assertThat(run(Map.of(), "discover", "-c", cfg.toString(), "-o", output.toString(), "--state", state.toString()))
                .isZero();
        assertThat(err.toString()).contains("changes since the last run: 0 added, 0 changed, 0 removed");
    }

    @Test
    void stateInWharfsOwnDatabase_createdByMigrationV5() throws Exception {
        client.pushImage("team/app", "1.0", bytes("layer"));
        String url = "jdbc:sqlite:" + wharf.root().resolve("wharf.db").toAbsolutePath();
        try (var c = DriverManager.getConnection(url); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE version = '5' AND success")) {
            assertThat(rs.next() && rs.getInt(1) == 1).as("V5 applied").isTrue();
        }
        assertThat(run(Map.of(), "discover", "-c", config("").toString(), "--state", url)).as(err.toString()).isZero();
        assertThat(err.toString()).contains("4 added");
        try (var c = DriverManager.getConnection(url); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM discovered_entities WHERE provider = 'local'")) {
            assertThat(rs.next() ? rs.getInt(1) : -1).isEqualTo(4);
        }
    }

    @Test
    void ndjson_oneEntityOrRelationshipPerLine() throws Exception {
        client.pushImage("team/app", "1.0", bytes("layer"));
        assertThat(run(Map.of(), "discover", "-c", config("").toString(), "--format", "ndjson")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4 + 4);
        for (String line : lines.subList(0, 4)) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.path("apiVersion").asText()).isEqualTo("entities.devgraph.ai/v1");
            assertThat(n.path("metadata").path("namespace").asText()).isEqualTo("inventory");
        }
        assertThat(lines.subList(4, 8)).allSatisfy(l -> assertThat(JSON.readTree(l).path("relation").asText())
                .isIn("BELONGS_TO", "USES"));
    }

    @Test
    void failingProvider_exitsOneWithSummary_andNoSecretPrinted() throws Exception {
        Path cfg = dir.resolve("bad.yml");
        Files.writeString(cfg, """
                providers:
                  - name: gone
                    type: docker
                    config:
                      registry_type: private
                      api_url: http://127.0.0.1:1
                      username: me
                      password: ${GONE_PASSWORD}
                      retries: 0
                """);
        assertThat(run(Map.of("GONE_PASSWORD", "hunter2-secret"), "discover", "-c", cfg.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: gone: GET /v2/ failed", "1 failed");
        assertThat(out + err.toString()).doesNotContain("hunter2-secret");
        assertThat(JSON.readTree(out.toString()).path("errors")).hasSize(1);
    }

    @Test
    void badInput_exitsTwoNamingTheProblem() throws Exception {
        Path cfg = config("      max_tags: 3\n");
        assertThat(run(Map.of(), "discover", "-c", cfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("providers[0].config.max_tags: unknown setting");
        assertThat(run(Map.of(), "discover", "-c", config("").toString(), "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format: must be json or ndjson");
        assertThat(run(Map.of(), "discover", "-c", config("").toString(), "--report")).isEqualTo(2);
        assertThat(err.toString()).contains("--report: needs --state");
        assertThat(run(Map.of(), "discover")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
        assertThat(run(Map.of(), "discover", "-c", dir.resolve("missing.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.yml", "cannot read");
    }

    @Test
    void helpDocumentsOptionsAndExitCodes() {
        assertThat(run(Map.of(), "discover", "--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE", "--output=FILE", "--format", "--state=DB", "--report",
                "Exit codes");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
