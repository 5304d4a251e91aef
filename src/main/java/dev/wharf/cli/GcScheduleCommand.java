package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.gc.GcRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code wharf gc schedule set|list|delete}: maintenance windows for scheduled garbage collection. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Scheduled garbage collection: at most one run per maintenance window. A window starts at",
            "each time the cron expression names (in the time zone); a window missed while no server was up runs",
            "at the next start."},
        subcommands = {GcScheduleCommand.Set.class, GcScheduleCommand.ListSchedules.class,
                GcScheduleCommand.Delete.class})
final class GcScheduleCommand {
    @ParentCommand
    GcCommand root;

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Creates or replaces a schedule.")
    static final class Set implements Callable<Integer> {
        @ParentCommand
        GcScheduleCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", description = "The registry (default: the whole instance).")
        String registry;
        @Option(names = "--cron", required = true, description = "Five fields, e.g. \"0 3 * * 0\" (Sundays 03:00).")
        String cron;
        @Option(names = "--time-zone", defaultValue = "UTC")
        String zone;
        @Option(names = "--type", defaultValue = "unreferenced_blobs_and_manifests")
        String type;
        @Option(names = "--disabled", description = "Store it with garbage_collection_enabled = false.")
        boolean disabled;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            var c = GcCommand.cron(cl, cron);
            var z = GcCommand.zone(cl, zone);
            var t = GcCommand.type(cl, type);
            try (Wharf s = parent.root.open()) {
                try {
                    s.gcRules().putSchedule(registry == null ? "" : registry, !disabled, c, z, t);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cl, e.getMessage());
                }
                cl.getOut().printf("%s: %s (%s) %s, garbage_collection_enabled=%s%n",
                        registry == null ? "(all)" : registry, c, z, t.wireName(), !disabled);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists schedules.")
    static final class ListSchedules implements Callable<Integer> {
        @ParentCommand
        GcScheduleCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Wharf s = parent.root.open()) {
                for (GcRules.Schedule x : s.gcRules().schedules()) {
                    spec.commandLine().getOut().printf("%s: %s (%s) %s, garbage_collection_enabled=%s,"
                                    + " last window %s, last run %s%n",
                            x.registry().isEmpty() ? "(all)" : x.registry(), x.cron(), x.zone(), x.type().wireName(),
                            x.enabled(), x.lastWindow() == null ? "-" : java.time.Instant.ofEpochMilli(x.lastWindow()),
                            x.lastRun() == null ? "-" : x.lastRun());
                }
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a schedule.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        GcScheduleCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry")
        String registry;

        @Override
        public Integer call() throws Exception {
            try (Wharf s = parent.root.open()) {
                if (!s.gcRules().deleteSchedule(registry == null ? "" : registry)) {
                    spec.commandLine().getErr().println("wharf: no schedule for "
                            + (registry == null ? "the whole instance" : registry));
                    return 1;
                }
                return 0;
            }
        }
    }
}
