package dev.wharf.cli;

import dev.wharf.auth.ApiScope;
import dev.wharf.auth.accounts.AccessToken;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.TokenScope;
import dev.wharf.auth.accounts.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf token create|list|revoke}: personal access tokens with scopes and an expiry. */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Manages personal access tokens. A token acts for its owner, narrowed to its scopes,",
            "and is accepted as the password with any username."})
final class TokenCommand implements Callable<Integer> {
    private static final Pattern EXPIRY = Pattern.compile("(\\d{1,6})([smhdw])");

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions db;

    private final Map<String, String> env;

    TokenCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: create, list or revoke");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a token and prints it (shown only this once).")
    int create(@Option(names = "--user", required = true, paramLabel = "ACCOUNT",
                       description = "The user or robot the token acts for.") String owner,
               @Option(names = "--name", paramLabel = "TEXT", description = "What the token is for.") String name,
               @Option(names = "--scope", paramLabel = "PATTERN:ACTIONS",
                       description = "Repositories and actions, e.g. team/*:pull,push or team:pull (repeatable). "
                               + "Actions: pull, push, delete. * matches any characters.") List<String> scopes,
               @Option(names = "--api-scope", paramLabel = "SCOPE",
                       description = "Management API scope: registry:create, registry:read, registry:update, "
                               + "registry:delete (repeatable).") List<String> apiScopes,
               @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "30d",
                       description = "Lifetime such as 90m, 12h, 30d, 8w, or never (default ${DEFAULT-VALUE}).")
               String expires) throws Exception {
        Set<ApiScope> api = EnumSet.noneOf(ApiScope.class);
        for (String a : apiScopes == null ? List.<String>of() : apiScopes) {
            ApiScope scope = ApiScope.fromWire(a);
            if (scope == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--api-scope: unknown scope \"" + a
                        + "\"; use registry:create, registry:read, registry:update or registry:delete");
            }
            api.add(scope);
        }
        Duration lifetime = parseExpiry(expires);
        return AccountsCli.run(spec, env, db, (s, c) -> {
            List<TokenScope> parsed = new ArrayList<>();
            for (String sc : scopes == null ? List.<String>of() : scopes) {
                parsed.add(TokenScope.parse(sc));
            }
            TokenService.Created t = s.tokens().createPat(Actor.cli(), owner, name, parsed, api, lifetime);
            var out = spec.commandLine().getOut();
            out.println("created token " + t.token().id() + " for " + owner
                    + (t.token().expiresAt() == null ? ", no expiry" : ", expires " + t.token().expiresAt())
                    + "; the token (shown only now):");
            out.println(t.text());
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists tokens (never their secrets).")
    int list(@Option(names = "--user", paramLabel = "ACCOUNT") String owner)
            throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            var out = spec.commandLine().getOut();
            Instant now = Instant.now();
            out.printf("%-12s %-6s %-16s %-8s %-24s %-16s %s%n", "ID", "KIND", "OWNER", "STATE", "EXPIRES", "NAME",
                    "SCOPES");
            for (AccessToken t : s.tokens().list(owner)) {
                String scopes = t.scopes().stream().map(TokenScope::toString).collect(Collectors.joining(" "));
                String api = t.apiScopes().stream().sorted().map(ApiScope::wireName).collect(Collectors.joining(" "));
                out.printf("%-12s %-6s %-16s %-8s %-24s %-16s %s%n", t.id(),
                        t.kind() == AccessToken.Kind.PAT ? "pat" : "docker", t.owner(), t.state(now),
                        t.expiresAt() == null ? "never" : t.expiresAt(), AccountsCli.cell(t.name()),
                        AccountsCli.cell((scopes + " " + api).trim()));
            }
            return 0;
        });
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token at once.")
    int revoke(@Parameters(paramLabel = "ID") String id) throws Exception {
        return AccountsCli.run(spec, env, db, (s, c) -> {
            s.tokens().revoke(Actor.cli(), id);
            spec.commandLine().getOut().println("revoked token " + id);
            return 0;
        });
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 3600s}, {@code 8w}; {@code never} is null. */
    private Duration parseExpiry(String text) {
        if (text.equals("never")) {
            return null;
        }
        Matcher m = EXPIRY.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--expires: expected a lifetime such as 90m, 12h, 30d or 8w, or never; got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
