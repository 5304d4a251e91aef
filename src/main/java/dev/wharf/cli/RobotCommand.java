package dev.wharf.cli;

import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.auth.accounts.Account;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.RoleGrant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf robot create|list|remove}: accounts for CI with a generated secret and registry roles. */
@Command(name = "robot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manages robot accounts for CI: a generated secret, shown once, and registry roles.")
final class RobotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions db;

    private final Map<String, String> env;

    RobotCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: create, list or remove");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a robot and prints its secret (shown only this once).")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--role", paramLabel = "REGISTRY=ROLE",
                       description = "A role on a registry: admin, writer or reader (repeatable).") List<String> roles,
               @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        Map<String, Role> parsed = new LinkedHashMap<>();
        for (String r : roles == null ? List.<String>of() : roles) {
            int eq = r.indexOf('=');
            Role role = eq < 0 ? null : parseRole(r.substring(eq + 1));
            if (role == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--role: expected REGISTRY=ROLE with ROLE admin, writer or reader, got \"" + r + "\"");
            }
            parsed.put(r.substring(0, eq), role);
        }
        return AccountsCli.run(spec, env, db, (s, c) -> {
            String secret = s.accounts().createRobot(Actor.cli(), name, description, parsed);
            var out = spec.commandLine().getOut();
            out.println("created robot " + name + "; its secret (shown only now):");
            out.println(secret);
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists robots and their roles.")
    int list() throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-30s %s%n", "NAME", "ROLES", "DESCRIPTION");
            for (Account a : s.accounts().list(Account.Kind.ROBOT)) {
                String roles = s.roleDirectory().list(null, a.name()).stream()
                        .map(g -> g.registry() + "=" + roleName(g)).collect(Collectors.joining(","));
                out.printf("%-24s %-30s %s%n", a.name(), AccountsCli.cell(roles), AccountsCli.cell(a.description()));
            }
            return 0;
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a robot, its roles, and revokes its tokens.")
    int remove(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.accounts().remove(Actor.cli(), Account.Kind.ROBOT, name);
            spec.commandLine().getOut().println("removed robot " + name);
            return 0;
        });
    }

    /** admin, writer or reader; null otherwise. */
    static Role parseRole(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "writer" -> Role.WRITER;
            case "reader" -> Role.READER;
            default -> null;
        };
    }

    static String roleName(RoleGrant g) {
        return g.role().name().toLowerCase(Locale.ROOT);
    }
}
