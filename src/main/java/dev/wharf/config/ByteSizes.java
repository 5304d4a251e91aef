package dev.wharf.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as operators write them: {@code 1073741824}, {@code 512MiB}, {@code 10GiB} (K, M, G, T alike). */
final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kib|m|mib|g|gib|t|tib)");

    private ByteSizes() {
    }

    /** A positive byte count; the setting is named when the text is not one. */
    static long parsePositive(String setting, String raw) {
        Matcher m = SIZE.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(setting, "expected a size like 10GiB, 512MiB or 1073741824, or a share of the"
                    + " free space like 50%, got \"" + raw + "\"");
        }
        int shift = switch (m.group(2)) {
            case "k", "kib" -> 10;
            case "m", "mib" -> 20;
            case "g", "gib" -> 30;
            case "t", "tib" -> 40;
            default -> 0;
        };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "too large: \"" + raw + "\"");
        }
        if (n <= 0) {
            throw new ConfigException(setting, "must be more than 0");
        }
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new ConfigException(setting, "too large: \"" + raw + "\"");
        }
        return n << shift;
    }
}
