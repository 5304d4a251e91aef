package dev.wharf.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports point one way (shared/design.md, "Imports point one way"): each package tree below uses only the trees
 * listed for it, besides itself, and the trees in {@link #ACYCLIC} have no cycle among their packages. To hold a
 * tree to a rule, add a line here; names are relative to {@code dev.wharf} and cover sub-packages.
 */
class ArchitectureTest {
    private static final PackageGraph GRAPH = PackageGraph.read(Path.of("src/main/java"), "dev.wharf");

    /** Package tree -> the trees it may use besides itself. */
    private static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("oci", Set.of());
        MAY_USE.put("storage", Set.of("oci"));
        MAY_USE.put("meta", Set.of("oci"));
        MAY_USE.put("discovery", Set.of("oci"));
    }

    /**
     * Whole metadata stores -> the only files outside {@code meta} that may name them: where Wharf is assembled, and
     * the tenancy services that use every part of the registry store. Every other consumer takes the part it uses
     * ({@code meta.MetadataStore}, {@code GcStore} and {@code RegistryStore} list the parts). Paths are relative to
     * {@code dev/wharf}.
     */
    private static final Map<String, Set<String>> WHOLE_STORE_NAMED_ONLY_IN = new LinkedHashMap<>();

    static {
        WHOLE_STORE_NAMED_ONLY_IN.put("MetadataStore",
                Set.of("http/WharfServer.java", "http/api/ApiAssembly.java", "gc/GcModule.java"));
        WHOLE_STORE_NAMED_ONLY_IN.put("GcStore", Set.of("gc/GcModule.java"));
        WHOLE_STORE_NAMED_ONLY_IN.put("RegistryStore", Set.of("http/api/ApiAssembly.java",
                "registry/tenancy/RegistryService.java", "registry/tenancy/RegistryContent.java",
                "registry/tenancy/QuotaEnforcer.java"));
    }

    /** Trees whose packages must not use each other in a circle. */
    private static final List<String> ACYCLIC = List.of("discovery");

    static Set<String> trees() {
        return MAY_USE.keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trees")
    void tree_usesOnlyWhatItMay(String tree) {
        assertThat(GRAPH.packages()).as("the tree exists").anyMatch(p -> PackageGraph.within(p, tree));
        assertThat(GRAPH.violations(tree, MAY_USE.get(tree)))
                .as("%s may use only %s (and itself)", tree, MAY_USE.get(tree)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acyclic")
    void tree_hasNoPackageCycle(String tree) {
        assertThat(GRAPH.cycles(tree)).as("packages of %s that use each other in a circle", tree).isEmpty();
    }

    static List<String> acyclic() {
        return ACYCLIC;
    }

    static Set<String> wholeStores() {
        return WHOLE_STORE_NAMED_ONLY_IN.keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeStores")
    void wholeStore_isNamedOnlyWhereWharfIsAssembled(String store) throws IOException {
        Path root = Path.of("src/main/java/dev/wharf");
        Pattern name = Pattern.compile("\\b" + store + "\\b");
        List<String> naming;
        try (Stream<Path> files = Files.walk(root)) {
            naming = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(root.resolve("meta")))
                    .filter(f -> name.matcher(JavaCode.withoutCommentsAndStrings(read(f))).find())
                    .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(naming).as("files naming the whole %s", store).isSubsetOf(WHOLE_STORE_NAMED_ONLY_IN.get(store));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyPackage_saysWhatItOwns_inAPackageInfo() {
        assertThat(GRAPH.packages().stream().filter(p -> !GRAPH.hasPackageInfo(p)).toList())
                .as("packages without package-info.java").isEmpty();
    }

    @Test
    void packageGraph_seesImportsAndQualifiedNames_notCommentsOrStrings() {
        String code = JavaCode.withoutCommentsAndStrings("""
                import a.b.C; // dev.wharf.x.Y
                /* dev.wharf.z.Y */ String s = "dev.wharf.q.Y"; char c = '"'; String t = \"""
                  dev.wharf.t.Y\""";
                dev.wharf.real.Y y;""");
        assertThat(code).contains("import a.b.C;").contains("dev.wharf.real.Y").doesNotContain("dev.wharf.x")
                .doesNotContain("dev.wharf.z").doesNotContain("dev.wharf.q").doesNotContain("dev.wharf.t");
        assertThat(code.lines().count()).isEqualTo(4);
        assertThat(new StronglyConnected(Map.of("a", Set.of("b"), "b", Set.of("c", "a"), "c", Set.of())).groups())
                .contains(Set.of("a", "b"), Set.of("c"));
        assertThat(GRAPH.usesOf("discovery.state")).containsKey("discovery.graph");
    }
}
