package dev.wharf.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as settings write them: {@code 0}, {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 2GiB}. */
final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KiB|MiB|GiB|TiB)?");

    private ByteSizes() {
    }

    static long parse(String setting, String raw) {
        Matcher m = SIZE.matcher(raw.strip());
        if (!m.matches()) {
            throw new ConfigException(setting, "expected a size like 64MiB, 1GiB or a number of bytes, got \"" + raw + "\"");
        }
        int shift = switch (m.group(2) == null ? "B" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            case "tib" -> 40;
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
}
