package dev.wharf.cli;

import dev.wharf.config.WharfConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wharf serve}: loads the configuration, configures logging from it, starts the server through the
 * {@link ServerLauncher} and blocks until SIGTERM/SIGINT, then closes the server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Main.Version.class,
        description = {
            "Runs the registry: the OCI Distribution API at /v2/, plus /metrics, /health",
            "and /ready, on one port. Settings come from defaults, then the YAML file, then",
            "the environment, then these flags. With no configuration at all Wharf listens",
            "on :5000 and keeps its data in the directory data under the current one.",
            ""},
        footerHeading = "%nEnvironment (registry:2's names where registry:2 has the setting):%n",
        footer = {
            "  WHARF_CONFIG                  YAML file, like --config",
            "  REGISTRY_HTTP_ADDR            listen address, like --addr",
            "  REGISTRY_HTTP_HEADERS_<Name>  add a response header: a value, or a list",
            "                                such as '[\"*\"]'",
            "  REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY",
            "                                blob directory, like --data",
            "  REGISTRY_STORAGE_DELETE_ENABLED",
            "                                true or false: allow deletes (default true)",
            "  WHARF_STORAGE_MINFREE         /ready reports storage full below this much free",
            "                                space: 64MiB (default), 1GiB, 0 = off",
            "  REGISTRY_LOG_LEVEL            error|warn|info|debug|trace (default info)",
            "  REGISTRY_LOG_FORMATTER        text|json (default text)",
            "  WHARF_DATABASE_URL            jdbc:postgresql://HOST/DB or jdbc:sqlite:FILE",
            "                                (default: SQLite in DIR/wharf.db)",
            "  WHARF_DATABASE_USERNAME, WHARF_DATABASE_PASSWORD",
            "  WHARF_UPLOADS_EXPIRY          remove uploads idle this long (default 24h)",
            "  WHARF_UPLOADS_PURGEINTERVAL   how often to look for them (default 10m)",
            "  WHARF_UPLOADS_MAXSTAGEDBYTES  most bytes all unfinished uploads may hold, like",
            "                                10GiB, or a share of the free space at start",
            "                                (default 50%)",
            "  WHARF_HTTP_HEADERTIMEOUT      request line and headers must arrive within this",
            "                                (default 20s)",
            "  WHARF_HTTP_IDLETIMEOUT        close connections with no bytes moving this long",
            "                                (default 60s)",
            "  WHARF_HTTP_MAXCONNECTIONS     open connections per listener; more wait until",
            "                                one closes (default 4096)",
            "  REGISTRY_AUTH                 none|htpasswd|token (or WHARF_AUTH_MODE)",
            "  REGISTRY_AUTH_HTPASSWD_PATH, _REALM   htpasswd file (htpasswd -Bbn) and realm",
            "  REGISTRY_AUTH_TOKEN_REALM, _SERVICE, _ISSUER, _ROOTCERTBUNDLE",
            "                                Docker token auth; without a root cert bundle",
            "                                Wharf serves its own token service at /auth/token",
            "  WHARF_AUTH_TOKEN_TTL          lifetime of issued tokens (default 5m)",
            "  WHARF_AUTH_TOKEN_SIGNINGKEY   JWK file (default DIR/token-signing-key.jwk,",
            "                                generated on first start)",
            "  WHARF_AUTH_PUBLIC             repositories anyone may pull: library,team/app-*",
            "  REGISTRY_HTTP_TLS_CERTIFICATE, REGISTRY_HTTP_TLS_KEY",
            "                                PEM files: serve HTTPS, with HTTP/2",
            "  WHARF_GC_GRACE_PERIOD, WHARF_GC_LEASE, WHARF_GC_INTERVAL,",
            "  WHARF_GC_DELETE_ORPHAN_REFERRERS  garbage collection (see wharf gc --help)",
            "  Durations are written like 24h, 90m, 30s or 1h30m. registry:2's",
            "  REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_AGE and _INTERVAL also work.",
            "",
            "registry:2 settings Wharf does not use yet (storage.cache, health, redis,",
            "notifications, proxy, ...) are accepted with a warning. Unknown settings, silly",
            "auth, TLS client CAs and storage drivers other than filesystem stop Wharf at",
            "start with a message naming the setting.",
            "",
            "Exit codes: 1 failed to start or run, 2 usage or configuration error. On",
            "SIGTERM or SIGINT the server is closed cleanly and the JVM exits with the",
            "usual status for that signal (143 or 130)."})
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    /** Blocks until the process should stop, then closes {@code server}. */
    @FunctionalInterface
    interface Waiter {
        void awaitShutdown(AutoCloseable server) throws Exception;
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions options;

    @Option(names = "--addr", paramLabel = "[HOST]:PORT",
            description = "Listen address, e.g. :5000 or 127.0.0.1:5000. Env: REGISTRY_HTTP_ADDR; "
                    + "YAML: http.addr; default :5000.")
    private String addr;

    @Parameters(arity = "0..1", paramLabel = "CONFIG",
            description = "Same as --config, so registry:2's `serve /etc/docker/registry/config.yml` works.")
    private Path configArgument;

    private final Map<String, String> env;
    private final Supplier<List<ServerLauncher>> launchers;
    private final Waiter waiter;

    ServeCommand(Map<String, String> env, Supplier<List<ServerLauncher>> launchers, Waiter waiter) {
        this.env = env;
        this.launchers = launchers;
        this.waiter = waiter;
    }

    @Override
    public Integer call() throws Exception {
        Path config = options.config;
        if (config != null && configArgument != null && !config.equals(configArgument)) {
            throw new ParameterException(spec.commandLine(),
                    "give the configuration file once, as --config FILE or as CONFIG, not both");
        }
        List<String> warnings = new ArrayList<>();
        WharfConfig cfg = options.load(env, config != null ? config : configArgument, addr, warnings::add);
        LoggingSetup.apply(cfg.log());
        warnings.forEach(w -> LOG.warn("{}", w));
        List<ServerLauncher> found = launchers.get();
        if (found.size() != 1) {
            spec.commandLine().getErr().println("wharf: " + (found.isEmpty()
                    ? "this build contains no server: no " + ServerLauncher.class.getName()
                            + " is registered in META-INF/services"
                    : "several server launchers are registered: "
                            + found.stream().map(l -> l.getClass().getName()).toList()));
            return 1;
        }
        ServerLauncher launcher = found.get(0);
        LOG.info("Starting Wharf {} on {}: storage {}, database {}", Main.version(), cfg.http().addr(),
                cfg.storage().root().toAbsolutePath(), redact(cfg.jdbcUrl()));
        AutoCloseable server = launcher.start(cfg);
        waiter.awaitShutdown(server);
        return 0;
    }

    /** JDBC URLs may carry a password in their parameters; logs get the URL without them. */
    private static String redact(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?…";
    }

    /** Waits for SIGTERM/SIGINT: a shutdown hook closes the server, then the JVM exits. */
    static final Waiter UNTIL_SIGNAL = server -> {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping Wharf");
            try {
                server.close();
                LOG.info("Wharf stopped");
            } catch (Exception e) {
                LOG.error("Error while stopping Wharf", e);
            } finally {
                closed.countDown();
            }
        }, "wharf-shutdown"));
        closed.await();
    };
}
