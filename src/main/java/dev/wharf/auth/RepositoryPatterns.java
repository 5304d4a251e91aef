package dev.wharf.auth;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Repository glob patterns: {@code *} matches within one path segment, {@code **} across segments
 * ({@code library/*} matches {@code library/alpine}, {@code team/**} matches {@code team/a/b}).
 */
public final class RepositoryPatterns {
    private final List<Pattern> patterns;

    public RepositoryPatterns(List<String> globs) {
        this.patterns = globs.stream().map(RepositoryPatterns::compile).toList();
    }

    public boolean matches(String repository) {
        for (Pattern p : patterns) {
            if (p.matcher(repository).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
