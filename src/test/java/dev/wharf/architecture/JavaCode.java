package dev.wharf.architecture;

/** Java source with comments, string and character literals and text blocks blanked out, line breaks kept. */
final class JavaCode {
    private JavaCode() {
    }

    static String withoutCommentsAndStrings(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                i = skipTo(src, i, "\n", out, false);
            } else if (src.startsWith("/*", i)) {
                i = skipTo(src, i + 2, "*/", out, false);
            } else if (src.startsWith("\"\"\"", i)) {
                i = skipTo(src, i + 3, "\"\"\"", out, true);
            } else if (c == '"' || c == '\'') {
                i = skipTo(src, i + 1, String.valueOf(c), out, true);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Skips to just after {@code end} (or the end of {@code src}), keeping only line breaks; honours escapes. */
    private static int skipTo(String src, int from, String end, StringBuilder out, boolean escapes) {
        out.append(' ');
        int i = from;
        while (i < src.length() && !src.startsWith(end, i)) {
            if (escapes && src.charAt(i) == '\\') {
                i++;
            } else if (src.charAt(i) == '\n') {
                out.append('\n');
            }
            i++;
        }
        return end.equals("\n") ? i : Math.min(src.length(), i + end.length());
    }
}
