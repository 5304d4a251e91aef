package dev.wharf.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Wharf does with registry:2 settings it does not implement. Most are accepted with a warning so an existing
 * registry:2 {@code config.yml} or compose file starts unchanged. A few are refused because running without them
 * would silently do something else than asked: another storage driver (blobs would land on local disk), silly auth
 * and TLS client certificates or Let's Encrypt (clients would be let in, or the server would not be reachable).
 */
final class Registry2Settings {
    /**
     * Outcome for a setting Wharf does not use: a warning, or a refusal with its reason. Empty sections are
     * harmless and skipped unless {@code evenIfEmpty}: a storage driver is chosen by its key alone
     * ({@code storage: {inmemory: }}).
     */
    record Verdict(String path, boolean refused, String reason, boolean evenIfEmpty) {
    }

    static final String IGNORED = "ignored by Wharf (a registry:2 setting Wharf does not use yet)";
    private static final String DRIVER = "storage driver %s is not supported yet; Wharf stores blobs on the"
            + " filesystem only (storage.filesystem.rootdirectory)";

    /** Storage drivers registry:2 knows; only {@code filesystem} is implemented. */
    static final Set<String> DRIVERS =
            Set.of("filesystem", "inmemory", "s3", "azure", "gcs", "swift", "oss");

    private static final Map<String, String> REFUSED = Map.of(
            "auth.silly", "silly auth is a registry:2 development aid and is not supported (use htpasswd or token)",
            "http.tls.clientcas", "client certificate authentication is not supported; Wharf refuses to start"
                    + " rather than accept clients without their certificate (remove http.tls.clientcas)",
            "http.tls.letsencrypt", "Let's Encrypt is not supported; give http.tls.certificate and http.tls.key");

    private static final Set<String> WARNED = Set.of(
            "log.accesslog", "log.fields", "log.hooks", "log.reportcaller",
            "middleware", "reporting",
            "http.net", "http.host", "http.prefix", "http.secret", "http.relativeurls", "http.draintimeout",
            "http.debug", "http.http2", "http.tls.minimumtls", "http.tls.ciphersuites",
            "auth.token.autoredirect", "auth.token.autoredirectpath", "auth.token.jwks", "auth.token.signingalgorithms",
            "storage.cache", "storage.redirect", "storage.tag", "storage.maintenance.readonly",
            "storage.filesystem.maxthreads",
            "notifications", "redis", "health", "catalog", "proxy", "compatibility", "validation", "policy");

    /**
     * Environment variables Kubernetes service links ({@code <SVC>_SERVICE_HOST}, {@code <SVC>_PORT_5000_TCP_ADDR}
     * …) and Docker links ({@code <ALIAS>_NAME}, {@code <ALIAS>_ENV_…}) inject for services whose name starts with
     * "registry" or "wharf". They are not settings.
     */
    private static final Pattern LINK_ENV = Pattern.compile("(REGISTRY|WHARF)(_[A-Z0-9_]*)?_("
            + "SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\\d+_(TCP|UDP|SCTP)(_(ADDR|PORT|PROTO))?)?"
            + "|NAME|ENV_.+)");

    private Registry2Settings() {
    }

    /** The verdict for a YAML path like {@code storage.cache.blobdescriptor}, if Wharf knows it as registry:2's. */
    static Optional<Verdict> forPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        for (String prefix = p; ; prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
            Optional<Verdict> v = verdict(prefix);
            if (v.isPresent()) {
                return v;
            }
            if (prefix.indexOf('.') < 0) {
                return Optional.empty();
            }
        }
    }

    /** The verdict for {@code REGISTRY_…} variables: {@code REGISTRY_STORAGE_CACHE_BLOBDESCRIPTOR} → storage.cache. */
    static Optional<Verdict> forEnv(String name) {
        if (!name.startsWith("REGISTRY_")) {
            return Optional.empty();
        }
        String rest = name.substring("REGISTRY_".length()).toLowerCase(Locale.ROOT);
        for (String key : all()) {
            String envKey = key.replace('.', '_');
            if (rest.equals(envKey) || rest.startsWith(envKey + "_")) {
                return verdict(key);
            }
        }
        return Optional.empty();
    }

    static boolean isLinkVariable(String name) {
        return LINK_ENV.matcher(name).matches();
    }

    private static Optional<Verdict> verdict(String path) {
        if (REFUSED.containsKey(path)) {
            return Optional.of(new Verdict(path, true, REFUSED.get(path), false));
        }
        if (WARNED.contains(path)) {
            return Optional.of(new Verdict(path, false, IGNORED, false));
        }
        if (path.startsWith("storage.") && DRIVERS.contains(path.substring(8)) && !path.equals("storage.filesystem")) {
            return Optional.of(new Verdict(path, true, DRIVER.formatted(path.substring(8)), true));
        }
        return Optional.empty();
    }

    private static List<String> all() {
        List<String> keys = new ArrayList<>(WARNED);
        keys.addAll(REFUSED.keySet());
        DRIVERS.stream().filter(d -> !d.equals("filesystem")).forEach(d -> keys.add("storage." + d));
        return keys;
    }

    /** " (did you mean X?)" when a known name is within a small edit distance of the unknown one, else "". */
    static String suggest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, unknown.length() / 3))
                ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
