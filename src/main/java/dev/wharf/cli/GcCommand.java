package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.gc.Cron;
import dev.wharf.gc.GcControl;
import dev.wharf.gc.Glob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code wharf gc}: garbage collection runs, retention policies and maintenance windows, on the configured
 * database. {@code gc run} requests a run that a running Wharf server executes (so its caches stay coherent) and
 * waits for it; {@code --here} executes it in this process instead, for when no server is running.
 */
@Command(name = "gc", mixinStandardHelpOptions = true, description = "Garbage collection, retention and schedules.",
        subcommands = {GcCommand.Run.class, GcCommand.Status.class, GcCommand.ListRuns.class, GcCommand.Cancel.class,
                GcPolicyCommand.class, GcScheduleCommand.class})
final class GcCommand {
    private final Map<String, String> env;

    @CommandLine.Mixin
    DataOptions options;

    GcCommand(Map<String, String> env) {
        this.env = env;
    }

    /** Wharf on the configured database and storage, with garbage collection but nothing in the background. */
    Wharf open() throws IOException {
        return options.open(env, Wharf.Mode.CONTENT);
    }

    static GcControl.Type type(CommandLine cl, String wire) {
        GcControl.Type t = GcControl.Type.fromWire(wire);
        if (t == null) {
            throw new CommandLine.ParameterException(cl, "--type must be one of untagged_manifests_only,"
                    + " unreferenced_blobs_only, unreferenced_blobs_and_manifests; got \"" + wire + "\"");
        }
        return t;
    }

    static void print(PrintWriter out, GcControl.Run r) {
        out.printf("%s  %-9s  %-32s  %-9s  %sblobs=%d manifests=%d freed_bytes=%d  created=%s updated=%s%n",
                r.uuid(), r.status().wireName(), r.type().wireName(), r.registry() == null ? "(all)" : r.registry(),
                r.dryRun() ? "dry-run " : "", r.blobsDeleted(), r.manifestsDeleted(), r.freedBytes(), r.createdAt(),
                r.updatedAt());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Requests a garbage collection run and waits for it.",
                "A running Wharf server on the same database executes it; --here executes it in this process."})
    static final class Run implements Callable<Integer> {
        @ParentCommand
        GcCommand root;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", description = "Only this registry (default: the whole instance).")
        String registry;
        @Option(names = "--type", defaultValue = "unreferenced_blobs_and_manifests",
                description = "untagged_manifests_only | unreferenced_blobs_only | unreferenced_blobs_and_manifests"
                        + " (default: ${DEFAULT-VALUE}).")
        String type;
        @Option(names = "--dry-run", description = "Report what would be removed; remove nothing.")
        boolean dryRun;
        @Option(names = "--here", description = "Execute the run in this process (no server running).")
        boolean here;
        @Option(names = "--no-wait", description = "Return once the run is requested.")
        boolean noWait;

        @Override
        public Integer call() throws Exception {
            GcControl.Type t = type(spec.commandLine(), type);
            PrintWriter out = spec.commandLine().getOut();
            try (Wharf s = root.open()) {
                GcControl.Run run;
                try {
                    run = s.gc().start(registry, t, dryRun);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    spec.commandLine().getErr().println("wharf: " + e.getMessage());
                    return e instanceof IllegalStateException ? 1 : 2;
                }
                print(out, run);
                if (noWait) {
                    return 0;
                }
                long hintAt = System.nanoTime() + 10_000_000_000L;
                while (run.status().active()) {
                    if (here) {
                        s.gc().runNext();
                    } else {
                        Thread.sleep(500);
                        if (hintAt != 0 && System.nanoTime() > hintAt && run.status() == GcControl.Status.REQUESTED) {
                            spec.commandLine().getErr().println("wharf: waiting for a Wharf server to execute "
                                    + run.uuid() + " (use --here when none is running)");
                            hintAt = 0;
                        }
                    }
                    run = s.gc().get(run.uuid()).orElseThrow();
                }
                print(out, run);
                s.gc().detail(run.uuid()).ifPresent(d -> spec.commandLine().getErr().println("wharf: " + d));
                return run.status() == GcControl.Status.SUCCEEDED ? 0 : 1;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows one run, or the active run of a registry (of the whole instance without --registry).")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        GcCommand root;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "0..1", paramLabel = "UUID")
        String uuid;
        @Option(names = "--registry")
        String registry;

        @Override
        public Integer call() throws Exception {
            try (Wharf s = root.open()) {
                Optional<GcControl.Run> run = uuid != null ? s.gc().get(uuid) : s.gc().active(registry);
                if (run.isEmpty()) {
                    spec.commandLine().getErr().println("wharf: " + (uuid != null ? "no run " + uuid
                            : "no active run"));
                    return 1;
                }
                print(spec.commandLine().getOut(), run.get());
                s.gc().detail(run.get().uuid()).ifPresent(d -> spec.commandLine().getOut().println("  " + d));
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @ParentCommand
        GcCommand root;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", description = "Only runs of this registry (default: every run).")
        String registry;
        @Option(names = "--page", defaultValue = "1")
        int page;
        @Option(names = "--per-page", defaultValue = "20")
        int perPage;

        @Override
        public Integer call() throws Exception {
            if (page < 1 || perPage < 1 || perPage > 1000) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--page must be 1 or more and --per-page 1 to 1000");
            }
            try (Wharf s = root.open()) {
                for (GcControl.Run r : s.gc().list(registry, page, perPage)) {
                    print(spec.commandLine().getOut(), r);
                }
                spec.commandLine().getOut().println(s.gc().count(registry) + " runs");
                return 0;
            }
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a requested or running run; a run stops at its next page, consistent.")
    static final class Cancel implements Callable<Integer> {
        @ParentCommand
        GcCommand root;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "UUID")
        String uuid;
        @Option(names = "--registry")
        String registry;

        @Override
        public Integer call() throws Exception {
            try (Wharf s = root.open()) {
                Optional<GcControl.Run> run = s.gc().cancel(registry, uuid);
                if (run.isEmpty()) {
                    spec.commandLine().getErr().println("wharf: no run " + uuid);
                    return 1;
                }
                print(spec.commandLine().getOut(), run.get());
                return run.get().status() == GcControl.Status.CANCELLED ? 0 : 1;
            }
        }
    }

    static Glob glob(CommandLine cl, String option, String text) {
        try {
            return Glob.of(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, option + ": " + e.getMessage());
        }
    }

    static Cron cron(CommandLine cl, String text) {
        try {
            return Cron.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--cron: " + e.getMessage());
        }
    }

    static ZoneId zone(CommandLine cl, String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new CommandLine.ParameterException(cl, "--time-zone: unknown time zone \"" + text + "\"");
        }
    }
}
