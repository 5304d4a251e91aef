package dev.wharf.cli;

import dev.wharf.auth.accounts.Account;
import dev.wharf.auth.accounts.Actor;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf user add|passwd|remove|list}: Wharf's user accounts, in the metadata database. */
@Command(name = "user", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manages users: people who log in with a password.")
final class UserCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions db;

    private final Map<String, String> env;

    UserCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: add, passwd, remove or list");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user.")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--admin", description = "Instance administrator: every registry, every action.")
            boolean admin,
            @Option(names = "--password-stdin", description = "Read the password from standard input.")
            boolean stdin) throws Exception {
        String password = AccountsCli.readPassword(spec, stdin);
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.accounts().addUser(Actor.cli(), name, password, admin);
            spec.commandLine().getOut().println("added user " + name + (admin ? " (instance admin)" : ""));
            return 0;
        });
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a user's password.")
    int passwd(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--password-stdin", description = "Read the password from standard input.")
               boolean stdin) throws Exception {
        String password = AccountsCli.readPassword(spec, stdin);
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.accounts().setPassword(Actor.cli(), name, password);
            spec.commandLine().getOut().println("password changed for " + name);
            return 0;
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a user, its roles, and revokes its tokens.")
    int remove(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.accounts().remove(Actor.cli(), Account.Kind.USER, name);
            spec.commandLine().getOut().println("removed user " + name);
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users.")
    int list() throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-6s %-8s %s%n", "NAME", "ADMIN", "ENABLED", "CREATED");
            for (Account a : s.accounts().list(Account.Kind.USER)) {
                out.printf("%-24s %-6s %-8s %s%n", a.name(), a.instanceAdmin() ? "yes" : "no",
                        a.enabled() ? "yes" : "no", a.createdAt());
            }
            return 0;
        });
    }
}
