package dev.wharf.cli;

import dev.wharf.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code wharf} command. Exit codes: 0 success, 1 failure, 2 usage or configuration error (message only, no
 * stack trace: a configuration mistake is the user's to fix, not a bug).
 */
@Command(name = "wharf", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Wharf: a self-hosted OCI container registry (a drop-in for registry:2).",
        subcommands = CommandLine.HelpCommand.class,
        footer = {"", "Run `wharf serve --help` for settings, environment variables and defaults."})
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        ServerLauncher wharf = dev.wharf.http.WharfServer::start;
        System.exit(commandLine(System.getenv(), () -> List.of(wharf), ServeCommand.UNTIL_SIGNAL).execute(args));
    }

    /** The command line with its collaborators passed in, so tests run it without a real server or signals. */
    static CommandLine commandLine(Map<String, String> env, Supplier<List<ServerLauncher>> launchers,
                                  ServeCommand.Waiter waiter) {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand("serve", new ServeCommand(env, launchers, waiter));
        cl.addSubcommand("user", new UserCommand(env));
        cl.addSubcommand("robot", new RobotCommand(env));
        cl.addSubcommand("token", new TokenCommand(env));
        cl.addSubcommand("role", new RoleCommand(env));
        cl.addSubcommand("public", new PublicCommand(env));
        cl.addSubcommand("credentials", new CredentialsCommand(env));
        cl.addSubcommand("audit", new AuditCommand(env));
        cl.addSubcommand("registry", new RegistryCommand(env));
        cl.addSubcommand("repo", new RepoCommand(env));
        cl.addSubcommand("subscription", new SubscriptionCommand(env));
        cl.addSubcommand("apply", new ApplyCommand(env));
        cl.addSubcommand("discover", new DiscoverCommand(env, DiscoverCommand::stderrIsTerminal));
        cl.addSubcommand("gc", new CommandLine(new GcCommand(env)));
        cl.setExecutionExceptionHandler(Main::onFailure);
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command, e.g. `wharf serve`");
    }

    private static int onFailure(Exception e, CommandLine cl, ParseResult parsed) {
        if (e instanceof ConfigException) {
            cl.getErr().println("wharf: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        LOG.error("wharf {} failed", cl.getCommandName(), e);
        cl.getErr().println("wharf: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The version Maven packaged into the jar, or "development build" when run from classes. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/dev.wharf/wharf/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "development build");
            }
        } catch (IOException e) {
            LOG.debug("Cannot read the packaged version", e);
        }
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    /** {@code --version}: Wharf's version and the Java runtime it runs on. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wharf " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
        }
    }
}
