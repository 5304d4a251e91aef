package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.config.WharfConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the command line in-process with a fake {@link ServerLauncher}; no server, no signals. */
class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<WharfConfig> started = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private List<ServerLauncher> launchers = List.of(config -> {
        started.add(config);
        return () -> closed.set(true);
    });
    private boolean waited;

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = Main.commandLine(env, () -> launchers, server -> {
            waited = true;
            server.close();
        });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsCommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("Usage: wharf", "serve", "--version", "registry:2");
    }

    @Test
    void serveHelpDocumentsFlagsEnvironmentAndDefaults() {
        assertThat(run(Map.of(), "serve", "--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE", "--addr=[HOST]:PORT", "--data=DIR", "default :5000",
                "WHARF_CONFIG", "REGISTRY_HTTP_ADDR", "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY",
                "REGISTRY_HTTP_HEADERS_<Name>", "WHARF_DATABASE_URL", "WHARF_UPLOADS_EXPIRY", "Exit codes");
        assertThat(run(Map.of(), "help", "serve")).isZero();
    }

    @Test
    void versionNamesWharfAndJava() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString()).startsWith("wharf ").contains("Java ");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command", "Usage: wharf");
        assertThat(run(Map.of(), "serve", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void serveStartsTheLauncherWithFlagsOverEnvironmentAndWaits() throws IOException {
        Path yaml = dir.resolve("config.yml");
        Files.writeString(yaml, "version: 0.1\nhttp:\n  addr: :5001\nstorage:\n  delete:\n    enabled: false\n");
        int code = run(Map.of("REGISTRY_HTTP_ADDR", ":6000", "REGISTRY_SERVICE_HOST", "10.0.0.1"),
                "serve", "--config", yaml.toString(), "--addr", "127.0.0.1:7000", "--data", dir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(started).singleElement().satisfies(c -> {
            assertThat(c.http().addr()).isEqualTo("127.0.0.1:7000");
            assertThat(c.storage()).isEqualTo(new WharfConfig.Storage(dir, false));
        });
        assertThat(waited).isTrue();
        assertThat(closed).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void serveTakesTheConfigFileAsArgumentLikeRegistry2() throws IOException {
        Path yaml = dir.resolve("config.yml");
        Files.writeString(yaml, "http:\n  addr: :5001\n");
        assertThat(run(Map.of(), "serve", yaml.toString())).isZero();
        assertThat(started).singleElement().extracting(c -> c.http().addr()).isEqualTo(":5001");
        assertThat(run(Map.of(), "serve", "--config", yaml.toString(), dir.resolve("other.yml").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("give the configuration file once");
    }

    @Test
    void badEnvironmentExitsTwoWithTheMessageOnly() {
        assertThat(run(Map.of("REGISTRY_STORAGE_DELETE_ENABLED", "yes please"), "serve")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(
                "wharf: REGISTRY_STORAGE_DELETE_ENABLED: expected true or false, got \"yes please\""
                        + System.lineSeparator());
        assertThat(started).isEmpty();
    }

    @Test
    void badFileExitsTwoNamingTheSetting() throws IOException {
        Path yaml = dir.resolve("config.yml");
        Files.writeString(yaml, "http:\n  adr: :5000\n");
        assertThat(run(Map.of("WHARF_CONFIG", yaml.toString()), "serve")).isEqualTo(2);
        assertThat(err.toString()).startsWith("wharf: http.adr: unknown setting").doesNotContain("\tat ");
        assertThat(run(Map.of(), "serve", "--config", dir.resolve("missing.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("wharf: --config: file not found");
        assertThat(run(Map.of(), "serve", "--addr", "5000")).isEqualTo(2);
        assertThat(err.toString()).contains("wharf: --addr: expected host:port or :port");
    }

    @Test
    void missingLauncherExitsOne() {
        launchers = List.of();
        assertThat(run(Map.of(), "serve")).isEqualTo(1);
        assertThat(err.toString()).contains("wharf: this build contains no server");
    }

    @Test
    void launcherFailureExitsOne() {
        launchers = List.of(config -> {
            throw new IOException("Failed to bind to 0.0.0.0:5000");
        });
        assertThat(run(Map.of(), "serve")).isEqualTo(1);
        assertThat(err.toString()).contains("wharf: Failed to bind to 0.0.0.0:5000");
        assertThat(waited).isFalse();
    }
}
