package dev.wharf.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as settings write them: {@code 0}, {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 10G}. */
final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(|b|k|kib|m|mib|g|gib|t|tib)");

    private ByteSizes() {
    }

    static long parse(String setting, String raw) {
        Matcher m = SIZE.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(setting, "expected a size like 64MiB, 1GiB or a number of bytes, got \"" + raw + "\"");
        }
        int shift = switch (m.group(2)) {
            case "k", "kib" -> 10;
            case "m", "mib" -> 20;
            case "g", "gib" -> 30;
            case "t", "tib" -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "size too large: \"" + raw + "\"");
        }
    }

    /** A byte count above zero; the setting is named when the text is not one. */
    static long parsePositive(String setting, String raw) {
        long n = parse(setting, raw);
        if (n <= 0) {
            throw new ConfigException(setting, "must be more than 0");
        }
        return n;
    }
}
