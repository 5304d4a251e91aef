package dev.wharf.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a Wharf server is assembled from. Built by {@link ConfigLoader} from defaults, an optional YAML file
 * (shaped like registry:2's {@code config.yml} where the concept is shared) and environment overrides.
 */
public record WharfConfig(Http http, Storage storage, Database database, Uploads uploads, Log log, Auth auth,
                          Tls tls, RegistriesConfig registries, Gc gc) {

    /** {@code addr} is {@code host:port} or {@code :port}; {@code headers} are added to every response. */
    public record Http(String addr, Map<String, List<String>> headers) {
    }

    /**
     * Filesystem blob storage under {@code root}; deletes answer 405 UNSUPPORTED unless enabled. {@code /ready}
     * reports the storage full when less than {@code minFreeBytes} are free (0: only after a write found it full).
     */
    public record Storage(Path root, boolean deleteEnabled, long minFreeBytes) {
        public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

        public Storage(Path root, boolean deleteEnabled) {
            this(root, deleteEnabled, DEFAULT_MIN_FREE_BYTES);
        }
    }

    /** JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql://…}); user and password may be null. */
    public record Database(String url, String username, String password) {
    }

    /** Uploads idle longer than {@code expiry} are removed; the sweep runs every {@code purgeInterval}. */
    public record Uploads(Duration expiry, Duration purgeInterval) {
    }

    /** Root log level ({@code error|warn|info|debug}) and format ({@code text|json}). */
    public record Log(String level, String format) {
    }

    /**
     * Who may do what. {@code NONE} is an open registry (registry:2's default). {@code HTPASSWD} is HTTP Basic auth
     * against the htpasswd file and Wharf's accounts and tokens. {@code TOKEN} is Docker token auth: Bearer JWTs
     * issued by Wharf's own token service at {@code /auth/token}, or by an external one when
     * {@code token.rootCertBundle} is set. {@code publicRepositories} are glob patterns ({@code library/*},
     * {@code team/**}) anyone may pull.
     */
    public record Auth(Mode mode, Htpasswd htpasswd, Token token, List<String> publicRepositories) {
        public enum Mode { NONE, HTPASSWD, TOKEN }

        public static Auth none() {
            return new Auth(Mode.NONE, null, null, List.of());
        }
    }

    /** {@code REGISTRY_AUTH_HTPASSWD_PATH} and {@code _REALM}. */
    public record Htpasswd(String realm, Path path) {
    }

    /**
     * {@code REGISTRY_AUTH_TOKEN_*}. {@code realm} null means Wharf's own {@code /auth/token} on this server;
     * {@code rootCertBundle} null means Wharf issues the tokens itself (its key lives in {@code signingKey}, generated
     * on first start when absent); {@code ttl} is how long issued tokens live.
     */
    public record Token(String realm, String service, String issuer, Path rootCertBundle, Path signingKey,
                        Duration ttl) {
    }

    /** PEM certificate chain and private key; HTTP/2 is offered over TLS. Null in {@link WharfConfig#tls()} = plain HTTP. */
    public record Tls(Path certificate, Path key) {
    }

    /**
     * Garbage collection: content younger than {@code gracePeriod} is never collected; a node executing a run
     * refreshes its heartbeat between pages, and a run not refreshed for {@code lease} counts as dead;
     * schedules and requested runs are looked at every {@code interval}; {@code deleteOrphanReferrers}: referrers
     * whose subject manifest is gone are collected too.
     */
    public record Gc(Duration gracePeriod, Duration lease, Duration interval, boolean deleteOrphanReferrers) {
        public static Gc defaults() {
            return new Gc(Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofSeconds(30), true);
        }
    }

    public WharfConfig withGc(Gc v) {
        return new WharfConfig(http, storage, database, uploads, log, auth, tls, registries, v);
    }

    public WharfConfig withHttp(Http v) {
        return new WharfConfig(v, storage, database, uploads, log, auth, tls, registries, gc);
    }

    public WharfConfig withStorage(Storage v) {
        return new WharfConfig(http, v, database, uploads, log, auth, tls, registries, gc);
    }

    public WharfConfig withDatabase(Database v) {
        return new WharfConfig(http, storage, v, uploads, log, auth, tls, registries, gc);
    }

    public WharfConfig withUploads(Uploads v) {
        return new WharfConfig(http, storage, database, v, log, auth, tls, registries, gc);
    }

    public WharfConfig withAuth(Auth v) {
        return new WharfConfig(http, storage, database, uploads, log, v, tls, registries, gc);
    }

    public WharfConfig withTls(Tls v) {
        return new WharfConfig(http, storage, database, uploads, log, auth, v, registries, gc);
    }

    public WharfConfig withRegistries(RegistriesConfig v) {
        return new WharfConfig(http, storage, database, uploads, log, auth, tls, v, gc);
    }

    /** Wharf with no configuration at all: {@code :5000}, data under {@code ./data}. */
    public static WharfConfig defaults() {
        Path root = Path.of("data");
        return new WharfConfig(
                new Http(":5000", Map.of()),
                new Storage(root, true),
                new Database(null, null, null),
                new Uploads(Duration.ofHours(24), Duration.ofMinutes(10)),
                new Log("info", "text"),
                Auth.none(),
                null,
                RegistriesConfig.defaults(),
                Gc.defaults());
    }

    /** The JDBC URL to use: the configured one, else SQLite under the storage root. */
    public String jdbcUrl() {
        return database.url() != null ? database.url()
                : "jdbc:sqlite:" + storage.root().resolve("wharf.db").toAbsolutePath();
    }
}
