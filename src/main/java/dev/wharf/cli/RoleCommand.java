package dev.wharf.cli;

import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.RoleGrant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf role grant|revoke|list}: who may do what on which registry. */
@Command(name = "role", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Manages registry roles: reader (pull), writer (pull, push),",
            "admin (pull, push, delete, manage the registry)."})
final class RoleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions db;

    private final Map<String, String> env;

    RoleCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: grant, revoke or list");
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "Gives ACCOUNT the ROLE on REGISTRY (replacing its previous role there).")
    int grant(@Parameters(index = "0", paramLabel = "REGISTRY") String registry,
              @Parameters(index = "1", paramLabel = "ACCOUNT") String account,
              @Parameters(index = "2", paramLabel = "ROLE", description = "admin, writer or reader") String roleName)
            throws Exception {
        Role role = RobotCommand.parseRole(roleName);
        if (role == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "ROLE must be admin, writer or reader, got \"" + roleName + "\"");
        }
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.roleDirectory().grant(Actor.cli(), registry, account, role);
            spec.commandLine().getOut().println(account + " is " + roleName.toLowerCase(java.util.Locale.ROOT)
                    + " of " + registry);
            return 0;
        });
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Removes ACCOUNT's role on REGISTRY.")
    int revoke(@Parameters(index = "0", paramLabel = "REGISTRY") String registry,
               @Parameters(index = "1", paramLabel = "ACCOUNT") String account) throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.roleDirectory().revoke(Actor.cli(), registry, account);
            spec.commandLine().getOut().println(account + " has no role on " + registry + " any more");
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists role grants.")
    int list(@Option(names = "--registry", paramLabel = "REGISTRY") String registry,
             @Option(names = "--account", paramLabel = "ACCOUNT") String account) throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-24s %s%n", "REGISTRY", "ACCOUNT", "ROLE");
            for (RoleGrant g : s.roleDirectory().list(registry, account)) {
                out.printf("%-24s %-24s %s%n", g.registry(), g.account(), RobotCommand.roleName(g));
            }
            return 0;
        });
    }
}
