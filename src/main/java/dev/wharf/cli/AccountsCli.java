package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.auth.accounts.AccountException;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.config.WharfConfig;
import dev.wharf.meta.MetadataException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the account commands share: opening Wharf on metadata only from the same configuration as {@code wharf serve}
 * (file, environment, {@code --data}), turning refused operations into one-line messages, and reading passwords.
 * Exit codes: 0 done, 1 refused (unknown or duplicate name) or failed, 2 invalid input.
 */
final class AccountsCli {

    /** One command's work on the open account services; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(AccountServices services, WharfConfig config) throws Exception;
    }

    private AccountsCli() {
    }

    static int run(CommandSpec spec, Map<String, String> env, DataOptions db, Work work) throws Exception {
        WharfConfig config = db.load(env);
        LoggingSetup.apply(config.log());
        PrintWriter err = spec.commandLine().getErr();
        Wharf wharf;
        try {
            wharf = Wharf.open(config, Wharf.Mode.METADATA);
        } catch (MetadataException e) {
            err.println("wharf: cannot open the metadata database: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        try (wharf) {
            return work.run(wharf.accounts(), config);
        } catch (AccountException e) {
            err.println("wharf: " + e.getMessage());
            return e.kind() == AccountException.Kind.INVALID ? CommandLine.ExitCode.USAGE
                    : CommandLine.ExitCode.SOFTWARE;
        }
    }

    /**
     * A new password: the first line of standard input with {@code --password-stdin}, else typed twice at the
     * terminal without echo.
     */
    static String readPassword(CommandSpec spec, boolean fromStdin) throws IOException {
        if (fromStdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--password-stdin: no password on standard input");
            }
            return line;
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no terminal to ask for the password: use --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Password again: ");
        try {
            if (first == null || !Arrays.equals(first, again)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the passwords do not match");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    /** Renders a value for a table cell: {@code -} for nothing. */
    static String cell(Object o) {
        return o == null || o.toString().isEmpty() ? "-" : o.toString();
    }
}
