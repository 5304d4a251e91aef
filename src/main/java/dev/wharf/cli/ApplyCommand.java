package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.tenancy.RegistryApply;
import dev.wharf.tenancy.RegistryDefinitions;
import dev.wharf.tenancy.TenancyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code wharf apply -f FILE [--dry-run]}: makes the registries match a file, idempotently. Prints the plan first;
 * refuses, before changing anything, a definition that would change a registry's name, region or owner.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create or update registries from a file: Wharf's own form (registries: [...]),",
            "kind: DigitalOceanContainerRegistry, or the flat {name, region, subscription_tier,",
            "storage_quota_bytes} form. Shows the plan first."})
final class ApplyCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions options;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "Definitions (YAML or JSON).")
    private Path file;

    @Option(names = "--dry-run", description = "Show the plan and change nothing.")
    private boolean dryRun;

    @Option(names = "--owner", defaultValue = "admin", description = "Owner of registries the file creates without"
            + " naming one (default admin).")
    private String owner;

    ApplyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return TenancyCli.run(spec.commandLine().getErr(), () -> {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw TenancyException.invalid("cannot read " + file + ": " + e.getMessage());
            }
            var definitions = RegistryDefinitions.parse(text);
            try (Wharf s = options.open(env, Wharf.Mode.METADATA)) {
                RegistryApply apply = new RegistryApply(s.registries());
                List<RegistryApply.Step> plan = apply.plan(definitions, owner);
                plan.forEach(step -> out.println(step.describe()));
                long creates = plan.stream().filter(p -> p.action() == RegistryApply.Action.CREATE).count();
                long updates = plan.stream().filter(p -> p.action() == RegistryApply.Action.UPDATE).count();
                out.println("Plan: " + creates + " to create, " + updates + " to change, "
                        + (plan.size() - creates - updates) + " unchanged.");
                if (dryRun) {
                    out.println("Dry run: nothing was changed.");
                    return;
                }
                apply.apply(plan, owner);
                out.println(creates + updates == 0 ? "Nothing to do." : "Applied.");
            }
        });
    }
}
