package dev.wharf.oci;

/**
 * A repository name as the distribution spec's grammar allows it: path components of lowercase alphanumerics
 * joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated by {@code /}, at most 255 characters.
 * Anything else, including {@code ..} and encoded traversal, is {@code NAME_INVALID}.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
    public static final int MAX_LENGTH = 255;

    public RepositoryName {
        // validated by parse(); the canonical constructor re-checks so no invalid instance can exist
        if (!isValid(value)) {
            throw ErrorCode.NAME_INVALID.exception("invalid repository name", truncate(value));
        }
    }

    public static RepositoryName parse(String text) {
        return new RepositoryName(text);
    }

    /** The first path component: the tenant registry a repository belongs to. */
    public String namespace() {
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    public static boolean isValid(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        // Hand-written scanner: linear time on any input, unlike a backtracking regex.
        int i = 0;
        int n = s.length();
        while (true) {
            // component: alnum+ (separator alnum+)*
            if (i >= n || !alnum(s.charAt(i))) {
                return false;
            }
            while (i < n && alnum(s.charAt(i))) {
                i++;
            }
            while (i < n && s.charAt(i) != '/') {
                char c = s.charAt(i);
                if (c == '.') {
                    i++;
                } else if (c == '_') {
                    i++;
                    if (i < n && s.charAt(i) == '_') {
                        i++;
                    }
                } else if (c == '-') {
                    while (i < n && s.charAt(i) == '-') {
                        i++;
                    }
                } else {
                    return false;
                }
                if (i >= n || !alnum(s.charAt(i))) {
                    return false;
                }
                while (i < n && alnum(s.charAt(i))) {
                    i++;
                }
            }
            if (i == n) {
                return true;
            }
            i++; // skip '/'
        }
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @Override
    public int compareTo(RepositoryName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
