package dev.wharf.discovery.graph;

import java.util.Locale;

/** Entity names: lowercase letters, digits, {@code -} and {@code .}, at most 253 characters. */
public final class Names {
    private Names() {
    }

    public static String of(String... parts) {
        String joined = String.join("-", parts).toLowerCase(Locale.ROOT);
        String s = joined.replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return s.length() <= 253 ? s : s.substring(0, 253).replaceAll("[-.]+$", "");
    }
}
