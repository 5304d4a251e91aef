package dev.wharf.gc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Comma-separated glob patterns for repository paths and tags: {@code *} matches within one path component,
 * {@code **} across components, {@code ?} one character. An empty or null list matches nothing.
 */
public final class Glob {
    private final String text;
    private final List<Pattern> patterns;

    private Glob(String text, List<Pattern> patterns) {
        this.text = text;
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException for an empty alternative such as {@code "a,,b"} */
    public static Glob of(String text) {
        List<Pattern> out = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",", -1)) {
                String p = part.strip();
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("empty pattern in \"" + text + "\"");
                }
                out.add(Pattern.compile(regex(p)));
            }
        }
        return new Glob(text == null ? "" : text.strip(), List.copyOf(out));
    }

    public boolean matches(String s) {
        for (Pattern p : patterns) {
            if (p.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
