package dev.wharf.http.ui;

/** {@code os/architecture[/variant]}, as docker prints a platform. */
final class Platforms {
    private Platforms() {
    }

    static String format(String os, String architecture, String variant) {
        if (os == null && architecture == null) {
            return null;
        }
        String s = (os == null ? "?" : os) + "/" + (architecture == null ? "?" : architecture);
        return variant == null || variant.isEmpty() ? s : s + "/" + variant;
    }
}
