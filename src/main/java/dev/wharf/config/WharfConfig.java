package dev.wharf.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a Wharf server is assembled from. Built by {@link ConfigLoader} from defaults, an optional YAML file
 * (shaped like registry:2's {@code config.yml} where the concept is shared) and environment overrides.
 */
public record WharfConfig(Http http, Storage storage, Database database, Uploads uploads, Log log) {

    /** {@code addr} is {@code host:port} or {@code :port}; {@code headers} are added to every response. */
    public record Http(String addr, Map<String, List<String>> headers) {
    }

    /** Filesystem blob storage under {@code root}; deletes answer 405 UNSUPPORTED unless enabled. */
    public record Storage(Path root, boolean deleteEnabled) {
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

    /** Wharf with no configuration at all: {@code :5000}, data under {@code ./data}. */
    public static WharfConfig defaults() {
        Path root = Path.of("data");
        return new WharfConfig(
                new Http(":5000", Map.of()),
                new Storage(root, true),
                new Database(null, null, null),
                new Uploads(Duration.ofHours(24), Duration.ofMinutes(10)),
                new Log("info", "text"));
    }

    /** The JDBC URL to use: the configured one, else SQLite under the storage root. */
    public String jdbcUrl() {
        return database.url() != null ? database.url()
                : "jdbc:sqlite:" + storage.root().resolve("wharf.db").toAbsolutePath();
    }
}
