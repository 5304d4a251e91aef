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

    /**
     * {@code addr} is {@code host:port} or {@code :port}; {@code headers} are added to every response;
     * {@code connections} bound what one client connection may hold, on every listener.
     */
    public record Http(String addr, Map<String, List<String>> headers, Connections connections) {
        public Http(String addr, Map<String, List<String>> headers) {
            this(addr, headers, Connections.defaults());
        }
    }

    /**
     * Per listener: a request's line and headers must arrive within {@code headerTimeout} (from the connection's
     * start, or from the first byte of a later request on it); a connection with no bytes moving for
     * {@code idleTimeout} is closed (a body that keeps flowing never is); at most {@code maxConnections} are open
     * at once, and further ones wait in the accept backlog until one closes.
     */
    public record Connections(Duration headerTimeout, Duration idleTimeout, int maxConnections) {
        public static Connections defaults() {
            return new Connections(Duration.ofSeconds(20), Duration.ofSeconds(60), 4096);
        }
    }

    /**
     * Storage settings every backend shares: {@code root} is the data directory (the SQLite database, signing keys,
     * and the filesystem backend's blobs by default); deletes answer 405 UNSUPPORTED unless enabled. {@code /ready}
     * reports the storage full when less than {@code minFreeBytes} are free (0: only after a write found it full).
     * {@code blobs} says where blob bytes and staged uploads live; the composition root opens it.
     */
    public record Storage(Path root, boolean deleteEnabled, long minFreeBytes, Blobs blobs) {
        public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

        public Storage {
            if (blobs == null) {
                blobs = new Filesystem(root);
            }
        }

        public Storage(Path root, boolean deleteEnabled, long minFreeBytes) {
            this(root, deleteEnabled, minFreeBytes, null);
        }

        public Storage(Path root, boolean deleteEnabled) {
            this(root, deleteEnabled, DEFAULT_MIN_FREE_BYTES);
        }
    }

    /**
     * Where blobs and staged uploads live: one record per backend. Only the filesystem exists so far; S3 is the
     * next variant ({@code storage.s3} is refused at start until then), and adding it makes every {@code switch}
     * over this type say what it does there.
     */
    public sealed interface Blobs permits Filesystem {
    }

    /** Blobs under {@code root} on a local or mounted filesystem ({@code storage.filesystem.rootdirectory}). */
    public record Filesystem(Path root) implements Blobs {
    }

    /** JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql://…}); user and password may be null. */
    public record Database(String url, String username, String password) {
    }

    /**
     * Uploads idle longer than {@code expiry} are removed; the sweep runs every {@code purgeInterval}; all
     * unfinished uploads together hold at most {@code maxStaged} bytes.
     */
    public record Uploads(Duration expiry, Duration purgeInterval, StagedCap maxStaged) {
        public Uploads(Duration expiry, Duration purgeInterval) {
            this(expiry, purgeInterval, StagedCap.DEFAULT);
        }
    }

    /**
     * A number of bytes, or (when {@code percentOfFreeSpace} is above 0) that share of the space free on the
     * storage volume when Wharf starts.
     */
    public record StagedCap(long bytes, int percentOfFreeSpace) {
        public static final StagedCap DEFAULT = new StagedCap(0, 50);

        public static StagedCap ofBytes(long bytes) {
            return new StagedCap(bytes, 0);
        }

        /** The cap in bytes on a volume with {@code usableSpace} free (never below one byte). */
        public long resolve(long usableSpace) {
            return percentOfFreeSpace > 0 ? Math.max(1, usableSpace / 100 * percentOfFreeSpace) : bytes;
        }
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
