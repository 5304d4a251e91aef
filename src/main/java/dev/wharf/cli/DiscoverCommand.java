package dev.wharf.cli;

import dev.wharf.discovery.Discovery;
import dev.wharf.discovery.GraphWriter;
import dev.wharf.discovery.Problem;
import dev.wharf.discovery.Progress;
import dev.wharf.discovery.Redactor;
import dev.wharf.discovery.RunLog;
import dev.wharf.discovery.config.DiscoveryConfig;
import dev.wharf.discovery.config.DiscoveryConfigLoader;
import dev.wharf.discovery.config.InvalidConfigException;
import dev.wharf.discovery.graph.EntityRef;
import dev.wharf.discovery.graph.Kinds;
import dev.wharf.discovery.state.Changes;
import dev.wharf.discovery.state.InventoryState;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wharf discover}: walks the configured registries and prints their inventory as an entity graph. */
@Command(name = "discover", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Main.Version.class,
        description = {
            "Discovers the registries, repositories, tags, manifests and images of the",
            "providers in a YAML config (Docker Hub, GHCR, ECR, GCR, ACR or any registry",
            "speaking the Distribution API) and writes them as entities and relationships.",
            "Progress is shown on a terminal; the summary and problems go to stderr.",
            ""},
        footer = {"", "Exit codes: 0 everything discovered, 1 some provider, repository or tag failed",
            "(see the summary), 2 usage or configuration error."})
final class DiscoverCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the providers (YAML)")
    private Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the graph here, not to stdout")
    private Path output;

    @Option(names = "--format", paramLabel = "json|ndjson", defaultValue = "json",
            description = "one JSON document, or one entity or relationship per line (default json)")
    private String format;

    @Option(names = "--state", paramLabel = "DB", description = {"remember this run in a SQLite file or a jdbc: URL",
        "(such as Wharf's database) and report what was added, changed and removed"})
    private String state;

    @Option(names = "--report", description = "list each added, changed and removed entity (needs --state)")
    private boolean report;

    private final Map<String, String> env;
    private final BooleanSupplier terminal;

    DiscoverCommand(Map<String, String> env, BooleanSupplier terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        GraphWriter.Format fmt;
        DiscoveryConfig cfg;
        try {
            fmt = GraphWriter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("wharf discover: --format: must be json or ndjson, not " + format);
            return CommandLine.ExitCode.USAGE;
        }
        if (report && state == null) {
            err.println("wharf discover: --report: needs --state to compare with");
            return CommandLine.ExitCode.USAGE;
        }
        try {
            cfg = new DiscoveryConfigLoader(env::get).load(config);
        } catch (InvalidConfigException e) {
            err.println("wharf discover: " + config + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        Redactor redactor = new Redactor(cfg.secrets());
        Discovery.Result result;
        try (Progress progress = new Progress(terminal.getAsBoolean() ? System.err : null)) {
            result = new Discovery(cfg, Clock.systemUTC()).run(new RunLog(redactor, progress::println), progress);
        }
        writeGraph(result, fmt);
        Changes changes = null;
        if (state != null) {
            try (InventoryState db = InventoryState.open(state, Clock.systemUTC())) {
                changes = db.update(result.graph().entities(), result.outcomes(),
                        e -> e.metadata().labels().get(cfg.labelPrefix() + "provider"),
                        e -> e.metadata().labels().getOrDefault(cfg.labelPrefix() + "repository-name", ""));
            } catch (SQLException e) {
                err.println("wharf discover: --state: " + redactor.scrub(e.getMessage()));
                return CommandLine.ExitCode.SOFTWARE;
            }
        }
        summarize(err, result, changes);
        return result.failed() ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
    }

    private void writeGraph(Discovery.Result result, GraphWriter.Format fmt) throws IOException {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            GraphWriter.write(result.graph(), result.errors(), fmt, out);
            return;
        }
        Path abs = output.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            GraphWriter.write(result.graph(), result.errors(), fmt, w);
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void summarize(PrintWriter err, Discovery.Result r, Changes changes) {
        var g = r.graph();
        for (Problem w : r.warnings()) {
            err.println("warning: " + w);
        }
        for (Problem e : r.errors()) {
            err.println("error: " + e);
        }
        err.printf(Locale.ROOT, "discovered %d registries, %d repositories, %d manifests, %d images, %d relationships"
                        + " (%d tags resolved, %d retries)%n", g.count(Kinds.REGISTRY), g.count(Kinds.REPOSITORY),
                g.count(Kinds.MANIFEST), g.count(Kinds.IMAGE), g.relationships().size(), r.tags(), r.retries());
        if (changes != null) {
            err.printf(Locale.ROOT, "changes since the last run: %d added, %d changed, %d removed%n",
                    changes.added().size(), changes.changed().size(), changes.removed().size());
            if (report) {
                list(err, "+", changes.added());
                list(err, "~", changes.changed());
                list(err, "-", changes.removed());
            }
        }
        err.println(r.failed() ? r.errors().size() + " failed; see the errors above" : "no errors");
        err.flush();
    }

    private static void list(PrintWriter err, String mark, List<EntityRef> refs) {
        refs.forEach(ref -> err.println(mark + " " + ref.kind() + " " + ref.namespace() + "/" + ref.name()));
    }

    /** True when stderr is a terminal: {@code Console.isTerminal()} where the runtime has it (Java 22+). */
    static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
