package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.gc.RetentionPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code wharf gc policy set|list|delete|plan}: retention policies and immutable tags. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Retention policies and tag immutability, per registry and repository pattern.",
            "A tag is kept when it is protected or immutable, matches --keep-tags, is among the --keep-last newest",
            "pushes, or is younger than --older-than-days; otherwise it is removed before each garbage collection",
            "that removes manifests. Patterns are comma-separated globs (* within a path component, ** across)."},
        subcommands = {GcPolicyCommand.Set.class, GcPolicyCommand.ListPolicies.class, GcPolicyCommand.Delete.class,
                GcPolicyCommand.Plan.class})
final class GcPolicyCommand {
    @ParentCommand
    GcCommand root;

    static void print(PrintWriter out, RetentionPolicy p) {
        out.printf("%s/%s  keep-last=%s keep-tags=%s older-than-days=%s protected=%s immutable=%s%n", p.registry(),
                p.repositories(), p.keepLast(), p.keepTags(), p.olderThanDays(), p.protectedTags(), p.immutableTags());
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Creates or replaces a policy.")
    static final class Set implements Callable<Integer> {
        @ParentCommand
        GcPolicyCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", required = true)
        String registry;
        @Option(names = "--repositories", defaultValue = "**",
                description = "Glob over the repository path after the registry (default: ${DEFAULT-VALUE}).")
        String repositories;
        @Option(names = "--keep-last", description = "Keep the N most recently pushed tags.")
        Integer keepLast;
        @Option(names = "--keep-tags", description = "Keep tags matching these globs.")
        String keepTags;
        @Option(names = "--older-than-days", description = "Remove tags pushed more than D days ago.")
        Integer olderThanDays;
        @Option(names = "--protected-tags", description = "Never remove tags matching these globs.")
        String protectedTags;
        @Option(names = "--immutable-tags", description = "Tags that can be neither moved nor removed.")
        String immutableTags;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            RetentionPolicy p;
            try {
                p = new RetentionPolicy(registry, GcCommand.glob(cl, "--repositories", repositories), keepLast,
                        GcCommand.glob(cl, "--keep-tags", keepTags), olderThanDays,
                        GcCommand.glob(cl, "--protected-tags", protectedTags),
                        GcCommand.glob(cl, "--immutable-tags", immutableTags));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            try (Wharf s = parent.root.open()) {
                s.gcRules().putPolicy(p);
                print(cl.getOut(), p);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists policies.")
    static final class ListPolicies implements Callable<Integer> {
        @ParentCommand
        GcPolicyCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Wharf s = parent.root.open()) {
                s.gcRules().policies().forEach(p -> print(spec.commandLine().getOut(), p));
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a policy.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        GcPolicyCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", required = true)
        String registry;
        @Option(names = "--repositories", defaultValue = "**")
        String repositories;

        @Override
        public Integer call() throws Exception {
            try (Wharf s = parent.root.open()) {
                if (!s.gcRules().deletePolicy(registry, repositories)) {
                    spec.commandLine().getErr().println("wharf: no policy for " + registry + "/" + repositories);
                    return 1;
                }
                return 0;
            }
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Shows the tags the policies would remove now (a dry run of retention).")
    static final class Plan implements Callable<Integer> {
        @ParentCommand
        GcPolicyCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", description = "Only this registry (default: all).")
        String registry;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            int[] n = {0};
            try (Wharf s = parent.root.open()) {
                s.gc().retentionPlan(registry, r -> {
                    n[0]++;
                    out.printf("remove %s:%s  %s  pushed %s%n", r.repository().value(), r.tag(), r.digest(),
                            r.pushedAt());
                });
            }
            out.println(n[0] + " tags would be removed");
            return 0;
        }
    }
}
