package dev.wharf.cli;

import dev.wharf.app.Wharf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Map;

/** {@code wharf subscription get|set}: an account's subscription tier (the tier of all its registries). */
@Command(name = "subscription", mixinStandardHelpOptions = true,
        description = "Show or change an account's subscription tier.")
final class SubscriptionCommand {
    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions options;

    @Option(names = "--owner", defaultValue = "admin", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The account (default admin).")
    private String owner;

    SubscriptionCommand(Map<String, String> env) {
        this.env = env;
    }

    @Command(name = "get", description = "Show the account's tier.")
    int get() {
        return TenancyCli.run(spec.commandLine().getErr(), () -> {
            try (Wharf s = options.open(env, Wharf.Mode.METADATA)) {
                var sub = s.registries().subscription(owner);
                spec.commandLine().getOut().println("tier " + sub.tier().slug() + " (updated " + sub.updatedAt() + ")");
            }
        });
    }

    @Command(name = "set", description = "Move every registry of the account to TIER, if they are eligible.")
    int set(@Parameters(paramLabel = "TIER") String tier) {
        return TenancyCli.run(spec.commandLine().getErr(), () -> {
            try (Wharf s = options.open(env, Wharf.Mode.METADATA)) {
                var sub = s.registries().changeSubscription(owner, tier);
                spec.commandLine().getOut().println("tier " + sub.tier().slug());
            }
        });
    }
}
