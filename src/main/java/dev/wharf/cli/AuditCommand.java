package dev.wharf.cli;

import dev.wharf.auth.AuditLog;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wharf audit}: who did what, when and from where, newest first. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Shows the audit log, newest first: logins, failed logins (rate-limited), pushes,",
            "deletes and administrative changes."})
final class AuditCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", paramLabel = "REGISTRY", description = "Only events about this registry.")
    private String registry;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "At most N events (default ${DEFAULT-VALUE}).")
    private int limit;

    @Mixin
    private DataOptions db;

    private final Map<String, String> env;

    AuditCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-20s %-16s %-40s %-16s %s%n", "TIME", "ACTOR", "ACTION", "TARGET", "FROM", "DETAIL");
            for (AuditLog.Event e : s.audit().recent(registry, limit)) {
                out.printf("%-24s %-20s %-16s %-40s %-16s %s%n", e.at(), e.actor(), e.action(),
                        AccountsCli.cell(e.target()), AccountsCli.cell(e.address()), AccountsCli.cell(e.detail()));
            }
            return 0;
        });
    }
}
