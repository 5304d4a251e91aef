package dev.wharf.discovery.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which repositories and tags to discover. A repository {@code a/b/c} has namespace {@code a/b} and name {@code c};
 * both patterns must match whole. {@code includeTags} (exact names, empty = all) and {@code excludeTags} (whole-match
 * regexes) filter tags; then the newest {@code maxTags} are kept.
 */
public record Selector(Pattern namespacePattern, Pattern repositoryPattern, List<String> includeTags,
                       List<Pattern> excludeTags, int maxTags) {

    public static final String ANY = ".*";

    public Selector {
        includeTags = List.copyOf(includeTags);
        excludeTags = List.copyOf(excludeTags);
    }

    public static Selector all() {
        return new Selector(Pattern.compile(ANY), Pattern.compile(ANY), List.of(), List.of(), 10);
    }

    public boolean matchesRepository(String namespace, String name) {
        return namespacePattern.matcher(namespace).matches() && repositoryPattern.matcher(name).matches();
    }

    public boolean matchesTag(String tag) {
        if (!includeTags.isEmpty() && !includeTags.contains(tag)) {
            return false;
        }
        return excludeTags.stream().noneMatch(p -> p.matcher(tag).matches());
    }
}
