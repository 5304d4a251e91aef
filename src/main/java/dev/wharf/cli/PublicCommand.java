package dev.wharf.cli;

import dev.wharf.auth.accounts.Actor;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf public set|unset|list}: registries or repositories anyone may pull. */
@Command(name = "public", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Manages public access: anyone, without logging in, may pull from a public registry"
                + " (team) or repository (team/app). Everything else is private.")
final class PublicCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions db;

    private final Map<String, String> env;

    PublicCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: set, unset or list");
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Makes NAME public.")
    int set(@Parameters(paramLabel = "NAME", description = "a registry (team) or a repository (team/app)")
            String name) throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.roleDirectory().setPublic(Actor.cli(), name);
            spec.commandLine().getOut().println(name + " is public");
            return 0;
        });
    }

    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Makes NAME private again.")
    int unset(@Parameters(paramLabel = "NAME") String name) throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.roleDirectory().unsetPublic(Actor.cli(), name);
            spec.commandLine().getOut().println(name + " is private");
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists public names.")
    int list() throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.roleDirectory().listPublic().forEach(spec.commandLine().getOut()::println);
            return 0;
        });
    }
}
