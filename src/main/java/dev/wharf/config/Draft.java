package dev.wharf.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The settings while layers (defaults, file, environment, flags) are applied. Every setter validates its raw text
 * and names the setting it came from, so an error always points at what the user wrote.
 */
final class Draft {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final Consumer<String> warn;
    private String addr;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private Path root;
    private boolean deleteEnabled;
    private long minFreeBytes;
    private String dbUrl;
    private String dbUsername;
    private String dbPassword;
    private Duration expiry;
    private Duration purgeInterval;
    private WharfConfig.StagedCap maxStaged;
    private WharfConfig.Connections connections;
    private String level;
    private String format;
    /** Auth and TLS settings, validated together when the config is built. */
    final AuthDraft auth = new AuthDraft();
    private RegistriesConfig registries;
    private WharfConfig.Gc gc;

    Draft(WharfConfig d, Consumer<String> warn) {
        this.warn = warn;
        addr = d.http().addr();
        headers.putAll(d.http().headers());
        root = d.storage().root();
        deleteEnabled = d.storage().deleteEnabled();
        minFreeBytes = d.storage().minFreeBytes();
        dbUrl = d.database().url();
        dbUsername = d.database().username();
        dbPassword = d.database().password();
        expiry = d.uploads().expiry();
        purgeInterval = d.uploads().purgeInterval();
        maxStaged = d.uploads().maxStaged();
        connections = d.http().connections();
        level = d.log().level();
        format = d.log().format();
        registries = d.registries();
        gc = d.gc();
    }

    void warn(String setting, String message) {
        warn.accept(setting + ": " + message);
    }

    void addr(String setting, String raw) {
        addr = parseAddr(setting, raw.strip());
    }

    /** Sets one response header, replacing values set for the same name (case-insensitive) by an earlier layer. */
    void header(String setting, String name, List<String> values) {
        if (!TOKEN.matcher(name).matches()) {
            throw new ConfigException(setting, "\"" + name + "\" is not a valid HTTP header name");
        }
        for (String v : values) {
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new ConfigException(setting, "header values must not contain line breaks");
            }
        }
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        if (!values.isEmpty()) {
            headers.put(name, List.copyOf(values));
        }
    }

    void root(String setting, String raw) {
        if (raw.isBlank()) {
            throw new ConfigException(setting, "must not be empty");
        }
        try {
            root = Path.of(raw.strip());
        } catch (InvalidPathException e) {
            throw new ConfigException(setting, "not a valid path: " + e.getReason());
        }
    }

    void deleteEnabled(String setting, String raw) {
        deleteEnabled = parseBool(setting, raw);
    }

    void minFree(String setting, String raw) {
        minFreeBytes = ByteSizes.parse(setting, raw);
    }

    void dbUrl(String setting, String raw) {
        String url = raw.strip();
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(setting,
                    "expected a jdbc:sqlite:… or jdbc:postgresql://… URL, got \"" + url + "\"");
        }
        dbUrl = url;
    }

    void dbUsername(String raw) {
        dbUsername = raw;
    }

    void dbPassword(String raw) {
        dbPassword = raw;
    }

    void expiry(String setting, String raw) {
        expiry = parsePositiveDuration(setting, raw);
    }

    void purgeInterval(String setting, String raw) {
        purgeInterval = parsePositiveDuration(setting, raw);
    }

    /** Bytes (a number, optionally with KiB, MiB, GiB or TiB) or a share of the free space ({@code 50%}). */
    void maxStaged(String setting, String raw) {
        String v = raw.strip();
        if (v.endsWith("%")) {
            int percent;
            try {
                percent = Integer.parseInt(v.substring(0, v.length() - 1).strip());
            } catch (NumberFormatException e) {
                percent = 0;
            }
            if (percent < 1 || percent > 100) {
                throw new ConfigException(setting, "expected a share of the free space from 1% to 100%, got \"" + raw
                        + "\"");
            }
            maxStaged = new WharfConfig.StagedCap(0, percent);
            return;
        }
        maxStaged = WharfConfig.StagedCap.ofBytes(ByteSizes.parsePositive(setting, v));
    }

    /** One connection setting by its short name: headertimeout, idletimeout, maxconnections. */
    void connections(String setting, String name, String raw) {
        WharfConfig.Connections c = connections;
        connections = switch (name) {
            case "headertimeout" -> new WharfConfig.Connections(parsePositiveDuration(setting, raw), c.idleTimeout(),
                    c.maxConnections());
            case "idletimeout" -> new WharfConfig.Connections(c.headerTimeout(), parsePositiveDuration(setting, raw),
                    c.maxConnections());
            case "maxconnections" -> new WharfConfig.Connections(c.headerTimeout(), c.idleTimeout(),
                    parseCount(setting, raw));
            default -> throw new ConfigException(setting, "unknown setting");
        };
    }

    private static int parseCount(String setting, String raw) {
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(setting, "expected a whole number of at least 1, got \"" + raw + "\"");
    }

    /** registry:2's {@code uploadpurging.enabled}: Wharf always purges expired uploads, so only {@code false} warns. */
    void purgingEnabled(String setting, String raw) {
        if (!parseBool(setting, raw)) {
            warn(setting, "ignored by Wharf (expired uploads are always purged; raise the age to keep them longer)");
        }
    }

    /** registry:2's {@code uploadpurging.dryrun}: Wharf has no dry-run purge, so only {@code true} warns. */
    void purgingDryRun(String setting, String raw) {
        if (parseBool(setting, raw)) {
            warn(setting, "ignored by Wharf (there is no dry-run purge; expired uploads are removed)");
        }
    }

    void level(String setting, String raw) {
        String l = raw.strip().toLowerCase(Locale.ROOT);
        level = switch (l) {
            case "error", "warn", "info", "debug", "trace" -> l;
            case "warning" -> "warn";
            default -> throw new ConfigException(setting,
                    "expected one of error, warn, info, debug, trace, got \"" + raw + "\"");
        };
    }

    void format(String setting, String raw) {
        String f = raw.strip().toLowerCase(Locale.ROOT);
        format = switch (f) {
            case "text", "json" -> f;
            case "logstash" -> {
                warn(setting, "logstash is written as Wharf's json format");
                yield "json";
            }
            default -> throw new ConfigException(setting, "expected text or json, got \"" + raw + "\"");
        };
    }

    /** The management API's own listener; empty, {@code off} or {@code none} disables it. */
    void apiAddr(String setting, String raw) {
        String v = raw.strip();
        registries = registries.withApiAddr(v.isEmpty() || v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none")
                ? null : parseAddr(setting, v));
    }

    void registriesRequired(String setting, String raw) {
        registries = registries.withRequired(parseBool(setting, raw));
    }

    void regions(String setting, List<String> values) {
        List<String> regions = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        for (String r : regions) {
            if (!r.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new ConfigException(setting, "\"" + r + "\" is not a region name (lowercase letters, digits, -)");
            }
        }
        if (regions.isEmpty()) {
            throw new ConfigException(setting, "at least one region is needed");
        }
        registries = registries.withRegions(regions);
    }

    void tiers(String setting, List<RegistriesConfig.Tier> tiers) {
        if (tiers.isEmpty()) {
            throw new ConfigException(setting, "at least one tier is needed");
        }
        if (tiers.stream().map(RegistriesConfig.Tier::slug).distinct().count() != tiers.size()) {
            throw new ConfigException(setting, "tier slugs must be unique");
        }
        registries = registries.withTiers(tiers);
    }

    WharfConfig build() {
        Map<String, List<String>> h = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        return new WharfConfig(
                new WharfConfig.Http(addr, h, connections),
                new WharfConfig.Storage(root, deleteEnabled, minFreeBytes),
                new WharfConfig.Database(dbUrl, dbUsername, dbPassword),
                new WharfConfig.Uploads(expiry, purgeInterval, maxStaged),
                new WharfConfig.Log(level, format),
                auth.auth(),
                auth.tls(),
                registries,
                gc);
    }

    /** One garbage collection setting by its short name: graceperiod, lease, interval, deleteorphanreferrers. */
    void gc(String setting, String name, String raw) {
        WharfConfig.Gc g = gc;
        gc = switch (name) {
            case "graceperiod" -> new WharfConfig.Gc(parseDuration(setting, raw), g.lease(), g.interval(),
                    g.deleteOrphanReferrers());
            case "lease" -> new WharfConfig.Gc(g.gracePeriod(), parsePositiveDuration(setting, raw), g.interval(),
                    g.deleteOrphanReferrers());
            case "interval" -> new WharfConfig.Gc(g.gracePeriod(), g.lease(), parsePositiveDuration(setting, raw),
                    g.deleteOrphanReferrers());
            case "deleteorphanreferrers" -> new WharfConfig.Gc(g.gracePeriod(), g.lease(), g.interval(),
                    parseBool(setting, raw));
            default -> throw new ConfigException(setting, "unknown setting");
        };
    }

    static Duration parseDuration(String setting, String raw) {
        try {
            return Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting, e.getMessage());
        }
    }

    static boolean parseBool(String setting, String raw) {
        String b = raw.strip();
        if (b.equalsIgnoreCase("true")) {
            return true;
        }
        if (b.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(setting, "expected true or false, got \"" + raw + "\"");
    }

    static Duration parsePositiveDuration(String setting, String raw) {
        Duration d;
        try {
            d = Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting, e.getMessage());
        }
        if (d.isZero()) {
            throw new ConfigException(setting, "must be longer than 0");
        }
        return d;
    }

    /** {@code host:port}, {@code :port} or {@code [v6]:port}, port 0–65535 (0 picks a free port). */
    static String parseAddr(String setting, String addr) {
        String expected = "expected host:port or :port (like :5000 or 127.0.0.1:5000), got \"" + addr + "\"";
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(setting, expected);
        }
        String host = addr.substring(0, colon);
        String port = addr.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || !host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
                throw new ConfigException(setting, "\"" + host + "\" is not a valid bracketed IPv6 address");
            }
        } else if (host.contains(":")) {
            throw new ConfigException(setting, "put an IPv6 host in brackets, like [::1]:5000; got \"" + addr + "\"");
        } else if (!host.matches("[A-Za-z0-9._-]*")) {
            throw new ConfigException(setting, expected);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new ConfigException(setting, "port must be a number from 0 to 65535, got \"" + port + "\"");
        }
        return addr;
    }
}
