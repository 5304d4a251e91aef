package dev.wharf.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated input for every parser of client text: each input must end in a value or an
 * {@link OciException} with an expected code, never another exception. Grammar checks are compared with the
 * specs' regular expressions.
 */
class OciFuzzTest {
    private static final int TRIES = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REPO = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    private static final Set<ErrorCode> MANIFEST_CODES = Set.of(ErrorCode.MANIFEST_INVALID, ErrorCode.SIZE_INVALID);
    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "1e999",
            "1.5", "\\", "\\u0000", "\\ud800", "é", "\u0000", "/*", "\"mediaType\":", "\"manifests\":[",
            "sha256:", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["};
    private static final String[] STRINGS = {"", " ", "a/b", "x", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_EMPTY, ManifestSamples.A, ManifestSamples.EMPTY_DIGEST,
            "sha256:", "sha256:XYZ", "md5:abc", "https://example.com/x", "relative", "http://a b", "e30=", "!!",
            "é/ü", "\u0000", "application/x; p=1", "a".repeat(300)};

    @Property(tries = TRIES)
    void parse_randomBytes_endsInValueOrOciException(@ForAll @Size(max = 600) byte[] payload,
                                                      @ForAll("contentTypes") String contentType) {
        expectManifestOutcome(payload, contentType);
    }

    @Property(tries = TRIES)
    void parse_byteMutatedManifests_endsInValueOrOciException(@ForAll("byteMutants") byte[] payload,
                                                               @ForAll("contentTypes") String contentType) {
        expectManifestOutcome(payload, contentType);
    }

    @Property(tries = TRIES)
    void parse_fieldMutatedManifests_endsInValueOrOciException(@ForAll("fieldMutants") byte[] payload,
                                                                @ForAll("contentTypes") String contentType) {
        expectManifestOutcome(payload, contentType);
    }

    @Property(tries = TRIES)
    void digestParse_anyText_endsInValueOrDigestInvalid(@ForAll("digestish") String text) {
        Digest d = outcome(() -> Digest.parse(text), Set.of(ErrorCode.DIGEST_INVALID));
        if (d != null) {
            assertThat(d.toString()).isEqualTo(text);
        }
    }

    @Property(tries = TRIES)
    void repositoryNameParse_anyText_agreesWithSpecRegex(@ForAll("namish") String text) {
        boolean expected = text.length() <= RepositoryName.MAX_LENGTH && REPO.matcher(text).matches();
        RepositoryName name = outcome(() -> RepositoryName.parse(text), Set.of(ErrorCode.NAME_INVALID));
        assertThat(name != null).as("accepts %s", text).isEqualTo(expected);
    }

    @Property(tries = TRIES)
    void referenceParse_anyText_agreesWithSpecGrammar(@ForAll("referenceish") String text) {
        Reference r = outcome(() -> Reference.parse(text), Set.of(ErrorCode.TAG_INVALID, ErrorCode.DIGEST_INVALID));
        if (!text.contains(":")) {
            assertThat(r != null).as("accepts %s", text).isEqualTo(TAG.matcher(text).matches());
        }
    }

    @Example
    void parse_indexWith10000Entries_keepsEveryEntry() {
        // Speed is measured in bench/, never asserted here.
        byte[] payload = ManifestSamples.bigIndex(10_000);
        ParsedManifest m = ManifestParser.parse(payload, MediaTypes.OCI_INDEX);

        assertThat(m.manifests()).hasSize(10_000);
        assertThat(m.requiredManifests()).doesNotHaveDuplicates();
        assertThat(m.manifests().get(9_999).size()).isEqualTo(9_999);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of(Arrays.asList(null, "", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
                MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, "application/json", "text/plain",
                MediaTypes.OCI_MANIFEST + "; charset=utf-8", "application/vnd.docker.distribution.manifest.v1+prettyjws",
                ";", "é/ü; x")).injectNull(0.4);
    }

    @Provide
    Arbitrary<byte[]> byteMutants() {
        return Arbitraries.randomValue(r -> mutateBytes(seed(r), r));
    }

    @Provide
    Arbitrary<byte[]> fieldMutants() {
        return Arbitraries.randomValue(OciFuzzTest::mutateField);
    }

    @Provide
    Arbitrary<String> digestish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("sha256512:abcdefABCDEFg0123456789+._-").ofMaxLength(140),
                Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(60).ofMaxLength(68).map(h -> "sha256:" + h),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(128).map(h -> "sha512:" + h));
    }

    @Provide
    Arbitrary<String> namish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("ab0._-/%A").ofMaxLength(40),
                Arbitraries.strings().withChars("ab._-/").ofMinLength(250).ofMaxLength(260),
                Arbitraries.strings().withChars("ab").ofMinLength(250).ofMaxLength(260));
    }

    @Provide
    Arbitrary<String> referenceish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("aZ9_.-:/@").ofMaxLength(140),
                Arbitraries.strings().withChars("aZ_").ofMinLength(125).ofMaxLength(131),
                digestish());
    }

    /** Runs {@code call}: a value, or an {@link OciException} of an allowed code (then null); anything else fails. */
    private static <T> T outcome(Supplier<T> call, Set<ErrorCode> allowed) {
        try {
            T value = call.get();
            assertThat(value).isNotNull();
            return value;
        } catch (OciException e) {
            assertThat(allowed).contains(e.code());
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static void expectManifestOutcome(byte[] payload, String contentType) {
        ParsedManifest m = outcome(() -> ManifestParser.parse(payload, contentType), MANIFEST_CODES);
        Statistics.collect(m == null ? "rejected" : "parsed");
        if (m == null) {
            return;
        }
        assertThat(MediaTypes.isManifestType(m.mediaType())).isTrue();
        assertThat(m.isIndex()).isEqualTo(m.config() == null);
        var all = new ArrayList<>(m.layers());
        all.addAll(m.manifests());
        if (m.config() != null) {
            all.add(m.config());
        }
        assertThat(all).allSatisfy(d -> {
            assertThat(MediaTypes.isWellFormed(d.mediaType())).isTrue();
            assertThat(d.size()).isNotNegative();
            assertThat(d.digest()).isNotNull();
        });
    }

    private static byte[] seed(Random r) {
        return ManifestSamples.bytes(ManifestSamples.ALL.get(r.nextInt(ManifestSamples.ALL.size())));
    }

    private static byte[] mutateBytes(byte[] b, Random r) {
        for (int round = 1 + r.nextInt(4); round > 0; round--) {
            int at = r.nextInt(b.length + 1);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (at < b.length) {
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, at);
                case 2 -> b = splice(b, at, at, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                case 3 -> b = splice(b, at, Math.min(b.length, at + r.nextInt(20)), new byte[0]);
                default -> {
                    byte[] junk = new byte[1 + r.nextInt(8)];
                    r.nextBytes(junk);
                    b = splice(b, at, at, junk);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    /** Replaces, removes or adds one field anywhere in a valid manifest, keeping the JSON well-formed. */
    private static byte[] mutateField(Random r) {
        try {
            JsonNode root = JSON.readTree(seed(r));
            var containers = new ArrayList<JsonNode>();
            collectContainers(root, containers);
            for (int round = 1 + r.nextInt(3); round > 0; round--) {
                JsonNode target = containers.get(r.nextInt(containers.size()));
                if (target instanceof ObjectNode o) {
                    List<String> names = new ArrayList<>();
                    o.fieldNames().forEachRemaining(names::add);
                    int pick = r.nextInt(names.size() + 2);
                    String name = pick < names.size() ? names.get(pick)
                            : List.of("manifests", "config", "layers", "subject", "data", "urls", "platform",
                            "artifactType", "mediaType", "annotations").get(r.nextInt(10));
                    if (pick == names.size() + 1 && o.has(name)) {
                        o.remove(name);
                    } else {
                        o.set(name, randomJson(r, 3));
                    }
                } else if (target instanceof ArrayNode a && !a.isEmpty()) {
                    a.set(r.nextInt(a.size()), randomJson(r, 3));
                }
            }
            return JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collectContainers(child, out));
        }
    }

    private static JsonNode randomJson(Random r, int depth) {
        switch (r.nextInt(depth > 0 ? 14 : 11)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(r.nextBoolean());
            case 2: return NODES.numberNode(r.nextInt(5) - 2);
            case 3: return NODES.numberNode(Long.MAX_VALUE);
            case 4: return NODES.numberNode(new BigInteger("123456789012345678901234567890"));
            case 5: return NODES.numberNode(1.5);
            case 6: return NODES.numberNode(-0.0);
            case 7: return NODES.numberNode(1e300);
            case 8, 9: return NODES.textNode(STRINGS[r.nextInt(STRINGS.length)]);
            case 10: return NODES.numberNode(2);
            case 11: {
                ArrayNode a = NODES.arrayNode();
                for (int i = r.nextInt(3); i > 0; i--) {
                    a.add(randomJson(r, depth - 1));
                }
                return a;
            }
            case 12: {
                ObjectNode o = NODES.objectNode();
                for (int i = r.nextInt(3); i > 0; i--) {
                    o.set(STRINGS[r.nextInt(STRINGS.length)], randomJson(r, depth - 1));
                }
                return o;
            }
            default: {
                ObjectNode d = NODES.objectNode();
                d.put("mediaType", r.nextBoolean() ? "a/b" : STRINGS[r.nextInt(STRINGS.length)]);
                d.put("digest", r.nextBoolean() ? ManifestSamples.B : STRINGS[r.nextInt(STRINGS.length)]);
                d.set("size", r.nextBoolean() ? NODES.numberNode(2) : randomJson(r, 0));
                if (r.nextBoolean()) {
                    d.set(STRINGS[r.nextInt(STRINGS.length)], randomJson(r, depth - 1));
                }
                return d;
            }
        }
    }
}
