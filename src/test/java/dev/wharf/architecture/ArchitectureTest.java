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
        // events are pure values like oci; the store records a write's event in the write's transaction
        MAY_USE.put("events", Set.of("oci"));
        MAY_USE.put("meta", Set.of("oci", "events"));
        MAY_USE.put("discovery", Set.of("oci"));
        // services and the audit log never see HTTP: rules and events live below the handlers
        MAY_USE.put("auth", Set.of("events", "meta", "oci"));
        MAY_USE.put("content", Set.of("auth", "config", "events", "meta", "oci", "storage"));
        MAY_USE.put("tenancy", Set.of("auth", "config", "content", "events", "meta", "oci", "storage"));
        MAY_USE.put("gc", Set.of("config", "events", "meta", "oci", "content", "storage"));
        MAY_USE.put("app", Set.of("tenancy", "auth", "config", "events", "gc", "meta", "oci", "content", "storage"));
        MAY_USE.put("http.reply", Set.of("oci"));
        // storage: only the values services hand back (BlobSource: a file, a stream or a redirect to answer with)
        MAY_USE.put("http", Set.of("tenancy", "app", "auth", "config", "events", "gc", "meta", "oci", "content", "storage"));
        MAY_USE.put("cli", Set.of("tenancy", "app", "auth", "config", "discovery", "events", "gc", "http", "meta", "oci",
                "content"));
    }

    /**
     * Whole metadata stores -> the only files outside {@code meta} that may name them: where Wharf is assembled
     * ({@code app/Wharf.java}; test fixtures assemble it too, and are not scanned), the module that hands GC's parts
     * to the collector, and the tenancy services that use every part of the registry store. Every other consumer takes the part it uses
     * ({@code meta.MetadataStore}, {@code GcStore} and {@code RegistryStore} list the parts). Paths are relative to
     * {@code dev/wharf}.
     */
    private static final Map<String, Set<String>> WHOLE_STORE_NAMED_ONLY_IN = new LinkedHashMap<>();

    static {
        WHOLE_STORE_NAMED_ONLY_IN.put("MetadataStore", Set.of("app/Wharf.java"));
        WHOLE_STORE_NAMED_ONLY_IN.put("GcStore", Set.of("app/Wharf.java", "gc/GcModule.java"));
        WHOLE_STORE_NAMED_ONLY_IN.put("RegistryStore", Set.of("app/Wharf.java",
                "tenancy/RegistryService.java", "tenancy/RegistryContent.java",
                "tenancy/QuotaEnforcer.java"));
    }

    /** Trees whose packages must not use each other in a circle. */
    private static final List<String> ACYCLIC = List.of("discovery", "http");

    /** Packages of implementations that only the composition root ({@code app}) chooses and names. */
    private static final List<String> CHOSEN_BY_THE_ROOT = List.of("storage.fs");

    /** Classes that only the root and their own package name: the cache and GC's store on JDBC. */
    private static final Map<String, String> CLASSES_CHOSEN_BY_THE_ROOT = Map.of(
            "CachingMetadataStore", "meta",
            "JdbcGcStore", "meta");

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
    void noPackageCycle_amongAllPackages() {
        assertThat(GRAPH.cycles("")).as("packages of dev.wharf that use each other in a circle").isEmpty();
    }

    @Test
    void implementations_areNamedOnlyByTheCompositionRoot() {
        List<String> uses = GRAPH.packages().stream()
                .filter(p -> !PackageGraph.within(p, "app") && CHOSEN_BY_THE_ROOT.stream().noneMatch(p::equals))
                .flatMap(p -> GRAPH.usesOf(p).keySet().stream().filter(CHOSEN_BY_THE_ROOT::contains)
                        .map(impl -> p + " -> " + impl))
                .toList();
        assertThat(uses).as("uses of %s outside app", CHOSEN_BY_THE_ROOT).isEmpty();
    }

    @Test
    void everyPackage_saysWhatItOwns_inAPackageInfo() {
        assertThat(GRAPH.packages().stream().filter(p -> !GRAPH.hasPackageInfo(p)).toList())
                .as("packages without package-info.java").isEmpty();
    }

    @Test
    void cacheAndGcStore_areNamedOnlyByTheCompositionRoot() throws java.io.IOException {
        List<String> uses = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.walk(Path.of("src/main/java/dev/wharf"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = JavaCode.withoutCommentsAndStrings(java.nio.file.Files.readString(file));
                String pkg = Path.of("src/main/java/dev/wharf").relativize(file.getParent()).toString()
                        .replace('/', '.');
                CLASSES_CHOSEN_BY_THE_ROOT.forEach((type, home) -> {
                    if (!pkg.equals(home) && !PackageGraph.within(pkg, "app")
                            && java.util.regex.Pattern.compile("\\b" + type + "\\b").matcher(code).find()) {
                        uses.add(file.getFileName() + " names " + type);
                    }
                });
            }
        }
        assertThat(uses).as("only app wires the read cache and GC's store (GcModule gets a GcStore)").isEmpty();
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
