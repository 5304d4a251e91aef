package dev.wharf.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of our packages each package uses, read from the sources: the {@code import} lines and fully qualified
 * names in code. Comments and string literals do not count (a Javadoc link is not a dependency), and neither does
 * a package's use of itself. Package names are relative to the root ({@code discovery.graph}).
 */
final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Map<String, Map<String, Set<String>>> uses = new TreeMap<>();
    private final Set<String> withPackageInfo = new TreeSet<>();

    private PackageGraph() {
    }

    /** Reads every {@code .java} file under {@code sourceRoot} whose package is {@code root} or below it. */
    static PackageGraph read(Path sourceRoot, String root) {
        PackageGraph g = new PackageGraph();
        Pattern reference = Pattern.compile("\\b" + Pattern.quote(root) + "((?:\\.[a-z_]\\w*)+)(?=\\.[A-Z*])");
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = JavaCode.withoutCommentsAndStrings(Files.readString(file));
                Matcher p = PACKAGE.matcher(code);
                if (!p.find() || !(p.group(1) + ".").startsWith(root + ".")) {
                    continue;
                }
                String pkg = relative(root, p.group(1));
                Map<String, Set<String>> used = g.uses.computeIfAbsent(pkg, k -> new TreeMap<>());
                if (file.getFileName().toString().equals("package-info.java")) {
                    g.withPackageInfo.add(pkg);
                }
                Matcher m = reference.matcher(code);
                while (m.find()) {
                    String target = m.group(1).substring(1);
                    if (!target.equals(pkg)) {
                        used.computeIfAbsent(target, k -> new TreeSet<>()).add(file.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    private static String relative(String root, String pkg) {
        return pkg.equals(root) ? "" : pkg.substring(root.length() + 1);
    }

    Set<String> packages() {
        return uses.keySet();
    }

    boolean hasPackageInfo(String pkg) {
        return withPackageInfo.contains(pkg);
    }

    /** The packages {@code pkg} uses, each with the files that use it. */
    Map<String, Set<String>> usesOf(String pkg) {
        return uses.getOrDefault(pkg, Map.of());
    }

    /** {@code pkg} is {@code tree} or one of its sub-packages; every package is within the root, {@code ""}. */
    static boolean within(String pkg, String tree) {
        return tree.isEmpty() || pkg.equals(tree) || pkg.startsWith(tree + ".");
    }

    /**
     * Uses from {@code tree} (and its sub-packages) to packages outside it and outside every tree of {@code allowed},
     * as {@code "from -> to (files)"} lines; empty when the rule holds.
     */
    List<String> violations(String tree, Set<String> allowed) {
        List<String> out = new ArrayList<>();
        uses.forEach((from, used) -> {
            if (within(from, tree)) {
                used.forEach((to, files) -> {
                    if (!within(to, tree) && allowed.stream().noneMatch(a -> within(to, a))) {
                        out.add(from + " -> " + to + " " + files);
                    }
                });
            }
        });
        return out;
    }

    /** The cycles among {@code tree}'s packages: each strongly connected group of two or more, sorted. */
    List<Set<String>> cycles(String tree) {
        Map<String, Set<String>> edges = new TreeMap<>();
        uses.forEach((from, used) -> {
            if (within(from, tree)) {
                edges.put(from, used.keySet().stream().filter(to -> within(to, tree))
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
            }
        });
        return new StronglyConnected(edges).groups().stream().filter(g -> g.size() > 1).toList();
    }
}
