package dev.wharf.auth.htpasswd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries of an htpasswd file as registry:2 reads them: {@code user:hash} per line, blank lines and {@code #}
 * comments skipped, bcrypt hashes only ({@code $2y$}, {@code $2a$}, {@code $2b$}, as {@code htpasswd -B} writes).
 * Entries in other formats (MD5, SHA1, crypt) are skipped with a warning naming the line, never the hash.
 * {@code typicalCost} is the most common bcrypt cost, so an unknown user can be made to cost what a known one does.
 */
record HtpasswdFile(Map<String, String> hashes, int typicalCost) {
    private static final Logger log = LoggerFactory.getLogger(HtpasswdFile.class);
    static final HtpasswdFile EMPTY = new HtpasswdFile(Map.of(), 5);

    static HtpasswdFile parse(String text, String source) {
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<Integer, Integer> costs = new HashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\r?\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                log.warn("{} line {}: not a user:hash entry; skipped", source, lineNo);
                continue;
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            int cost = bcryptCost(hash);
            if (cost < 0) {
                log.warn("{} line {}: entry for {} is not a bcrypt hash (use htpasswd -B); skipped", source, lineNo, user);
                continue;
            }
            if (hashes.putIfAbsent(user, hash) == null) {
                costs.merge(cost, 1, Integer::sum);
            }
        }
        int typical = costs.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(5);
        return new HtpasswdFile(Map.copyOf(hashes), typical);
    }

    /** The cost of a {@code $2a$/$2b$/$2y$NN$…} hash, or -1 when it is not one. */
    static int bcryptCost(String hash) {
        if (hash.length() != 60 || !hash.startsWith("$2") || hash.charAt(3) != '$' || hash.charAt(6) != '$'
                || "aby".indexOf(hash.charAt(2)) < 0) {
            return -1;
        }
        try {
            int cost = Integer.parseInt(hash.substring(4, 6));
            return cost >= 4 && cost <= 31 ? cost : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
