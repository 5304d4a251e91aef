package dev.wharf.discovery;

import dev.wharf.discovery.config.RegistryType;
import dev.wharf.discovery.config.Selector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The repositories selectors name outright, for registries without a catalog (GHCR, Docker Hub) or whose catalog
 * is refused. A selector names repositories when its repository pattern is a literal name, or literals joined by
 * {@code |}, and its namespace pattern is a literal or the default {@code .*}. Docker Hub names without a namespace
 * are official images under {@code library/}.
 */
public final class NamedRepositories {
    private static final Pattern LITERAL = Pattern.compile("(?:[A-Za-z0-9_/-]|\\\\?\\.)+");

    /** The named repositories, each with the selector that names it; and a warning per selector that names none. */
    public record Result(Map<String, Selector> repositories, List<String> warnings) {
    }

    private NamedRepositories() {
    }

    public static Result of(List<Selector> selectors, RegistryType type, String why) {
        Map<String, Selector> repos = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < selectors.size(); i++) {
            Selector s = selectors.get(i);
            String ns = s.namespacePattern().pattern();
            List<String> names = literals(s.repositoryPattern().pattern());
            boolean anyNamespace = ns.equals(Selector.ANY);
            if (names.isEmpty() || (!anyNamespace && literals(ns).size() != 1)) {
                warnings.add(why + ": selectors[" + i + "] uses a pattern (namespace_pattern '" + ns
                        + "', repository_pattern '" + s.repositoryPattern().pattern() + "') and names no repository,"
                        + " so it discovers nothing; name repositories explicitly, e.g. namespace_pattern: myorg,"
                        + " repository_pattern: myapp");
                continue;
            }
            for (String name : names) {
                String full = anyNamespace ? name : literals(ns).get(0) + "/" + name;
                if (type == RegistryType.DOCKER_HUB && !full.contains("/")) {
                    full = "library/" + full;
                }
                repos.putIfAbsent(full, s);
            }
        }
        return new Result(repos, warnings);
    }

    private static List<String> literals(String pattern) {
        List<String> out = new ArrayList<>();
        String p = pattern.startsWith("(") && pattern.endsWith(")") ? pattern.substring(1, pattern.length() - 1) : pattern;
        for (String part : p.split("\\|", -1)) {
            if (!LITERAL.matcher(part).matches()) {
                return List.of();
            }
            out.add(part.replace("\\.", "."));
        }
        return out;
    }
}
