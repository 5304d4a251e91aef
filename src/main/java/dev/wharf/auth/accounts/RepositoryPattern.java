package dev.wharf.auth.accounts;

/**
 * Which repositories a token scope covers: a glob over full repository names where {@code *} matches any run of
 * characters, {@code /} included ({@code team/*}, {@code *}), or a bare registry name ({@code team}), which covers
 * that registry's every repository.
 */
public record RepositoryPattern(String pattern) {

    public RepositoryPattern {
        if (pattern == null || pattern.isEmpty() || pattern.length() > 255
                || !pattern.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '-' || c == '/' || c == '*')) {
            throw AccountException.invalid("invalid repository pattern \"" + pattern
                    + "\": lowercase repository name characters and * (e.g. team/*, team/app, *)");
        }
    }

    public boolean matches(String repository) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('/') < 0) {
            return repository.equals(pattern) || repository.startsWith(pattern + "/");
        }
        return glob(pattern, repository);
    }

    /** The one registry this pattern stays within, or null when it may span registries (it starts with a glob). */
    public String registry() {
        String first = Names.registryOf(pattern);
        return first.indexOf('*') >= 0 ? null : first;
    }

    /** Wildcard match without backtracking blow-up: O(pattern × text) at worst. */
    private static boolean glob(String p, String s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == s.charAt(si)) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
