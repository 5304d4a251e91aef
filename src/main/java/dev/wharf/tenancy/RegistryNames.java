package dev.wharf.tenancy;

/**
 * DigitalOcean's registry name rules: 1 to 63 characters of lowercase letters, digits and hyphens, starting with a
 * letter and ending with a letter or digit.
 */
public final class RegistryNames {
    public static final int MAX_LENGTH = 63;

    /** Words the management API uses at a registry name's place in {@code /v2/registries/{name}}. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("subscription", "options", "validate-name",
            "docker-credentials");

    private RegistryNames() {
    }

    /** Null when {@code name} is valid, else why not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a registry name is required";
        }
        if (name.length() > MAX_LENGTH) {
            return "a registry name has at most 63 characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return "a registry name has only lowercase letters, digits and hyphens";
            }
        }
        if (!(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) {
            return "a registry name starts with a letter";
        }
        if (name.charAt(name.length() - 1) == '-') {
            return "a registry name ends with a letter or digit";
        }
        if (RESERVED.contains(name)) {
            return "\"" + name + "\" is reserved by the management API";
        }
        return null;
    }

    public static String require(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw TenancyException.invalid(problem + " (got \"" + shorten(name) + "\")");
        }
        return name;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
