package dev.wharf.http.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting helpers the templates call: sizes, times, digests, links. Output is text; templates escape it. */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Fmt() {
    }

    /** Decimal units as docker prints them: 999 B, 1.5 KB, 12.3 MB, 1.2 GB. */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, UNITS[unit]);
    }

    public static String exactBytes(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** Machine-readable time for {@code <time datetime>} and sorting. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public static long epoch(Instant t) {
        return t == null ? 0 : t.toEpochMilli();
    }

    /** {@code sha256:0123456789ab} — enough to tell digests apart at a glance. */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return "—";
        }
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }

    public static String repoUrl(String repository) {
        return "/ui/repos/" + repository;
    }

    public static String manifestUrl(String repository, String reference) {
        return "/ui/repos/" + repository + "/-/manifests/" + reference;
    }

    /** URL query component encoding. */
    public static String enc(String s) {
        return s == null ? "" : java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String orDash(Object o) {
        return o == null || o.toString().isEmpty() ? "—" : o.toString();
    }

    public static String join(java.util.List<String> parts) {
        return parts == null || parts.isEmpty() ? "—" : String.join(", ", parts);
    }
}
