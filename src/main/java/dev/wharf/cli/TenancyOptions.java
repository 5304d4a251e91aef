package dev.wharf.cli;

import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.registry.tenancy.RegistryContent;
import dev.wharf.registry.tenancy.RegistryService;
import dev.wharf.auth.RegistryRoles;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.registry.tenancy.TenancyException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The options every registry-management command shares ({@code --config}, {@code --data}), and the services they
 * run on: the same metadata database the server uses, opened directly (like registry:2's offline tools). Commands
 * that delete content should run against PostgreSQL or a stopped server: a running server on embedded SQLite
 * caches manifests in memory and would not see the delete until restarted (use the management API instead).
 */
final class TenancyOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "YAML configuration file (as for serve).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "Data directory (as for serve).")
    Path data;

    /** What a command runs with; closing it closes the database. */
    record Services(JdbcMetadataStore meta, RegistryService registries, RegistryContent content)
            implements AutoCloseable {
        @Override
        public void close() {
            meta.close();
        }
    }

    Services open(Map<String, String> env) {
        WharfConfig cfg = new ConfigLoader(env, w -> { }).load(new ConfigLoader.Flags(config, null, data));
        JdbcMetadataStore meta = JdbcMetadataStore.open(cfg.jdbcUrl(), cfg.database().username(),
                cfg.database().password());
        var store = meta.registries();
        // The owner of a registry created here becomes its admin, as through the API, when it is an account
        // already (an open registry with no accounts keeps the owner as a name only).
        AccountServices accounts = AccountServices.create(meta);
        RegistryRoles roles = new RegistryRoles() {
            @Override
            public void grant(String registry, String account, Role role) {
                if (accounts.accounts().find(account).isPresent()) {
                    accounts.roles().grant(registry, account, role);
                }
            }

            @Override
            public void revokeAll(String registry) {
                accounts.roles().revokeAll(registry);
            }
        };
        return new Services(meta, new RegistryService(store, meta, cfg.registries(), roles, () -> { }),
                new RegistryContent(store, meta, cfg.storage().deleteEnabled()));
    }

    /** Runs {@code body}; a refused request prints its reason and exits 1 without a stack trace. */
    static int run(PrintWriter err, Body body) {
        try {
            body.run();
            return 0;
        } catch (TenancyException e) {
            err.println("wharf: " + e.getMessage());
            return 1;
        }
    }

    @FunctionalInterface
    interface Body {
        void run();
    }
}
