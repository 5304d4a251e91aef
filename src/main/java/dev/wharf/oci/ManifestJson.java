package dev.wharf.oci;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON reading for manifests, and typed access to fields with errors that name the offending field.
 * Every failure is {@code MANIFEST_INVALID}: manifests are addressed by digest, so anything another parser could
 * read differently (duplicate keys, trailing data, non-UTF-8 text) is refused rather than guessed at.
 */
final class ManifestJson {
    /** Legitimate manifests nest about five deep; the cap keeps hostile input from exhausting the stack. */
    static final int MAX_DEPTH = 64;
    private static final int MAX_ECHO = 200;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(100)
                    .maxStringLength(ManifestParser.MAX_MANIFEST_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private ManifestJson() {
    }

    /** Parses {@code payload} as one UTF-8 JSON object and nothing else. */
    static ObjectNode readObject(byte[] payload) {
        String text;
        try {
            // Decoding ourselves pins the charset: Jackson would otherwise sniff UTF-16/32 and skip a BOM.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("manifest is not valid UTF-8", null);
        }
        if (text.isBlank()) {
            throw invalid("manifest is empty", null);
        }
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(text)) {
            root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw invalid("unexpected data after the JSON object at " + where(parser.currentLocation()), null);
            }
        } catch (StreamConstraintsException e) {
            throw invalid("manifest JSON exceeds parser limits (nesting depth " + MAX_DEPTH
                    + ", number length 100)", null);
        } catch (JsonEOFException e) {
            throw invalid("malformed JSON: unexpected end of input", null);
        } catch (IOException e) {
            throw invalid("malformed JSON" + describe(e), null);
        }
        if (!(root instanceof ObjectNode object)) {
            throw invalid("manifest must be a JSON object", null);
        }
        return object;
    }

    /** The field's node, or null when absent or JSON {@code null} (as Go clients treat an explicit null). */
    static JsonNode optional(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? null : n;
    }

    static JsonNode required(JsonNode parent, String name, String path) {
        JsonNode n = optional(parent, name);
        if (n == null) {
            throw invalid("missing required field", path);
        }
        return n;
    }

    static JsonNode requiredArray(JsonNode parent, String name, String path) {
        JsonNode n = required(parent, name, path);
        if (!n.isArray()) {
            throw invalid("must be an array", path);
        }
        return n;
    }

    static String optString(JsonNode parent, String name, String path) {
        JsonNode n = optional(parent, name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw invalid("must be a string", path);
        }
        return n.textValue();
    }

    static String requiredString(JsonNode parent, String name, String path) {
        String s = optString(parent, name, path);
        if (s == null) {
            throw invalid("missing required field", path);
        }
        return s;
    }

    /** An optional media type ({@code artifactType}); when present it must have the RFC 6838 shape. */
    static String optMediaType(JsonNode parent, String name, String path) {
        String s = optString(parent, name, path);
        if (s != null && !MediaTypes.isWellFormed(s)) {
            throw invalid("not a well-formed media type (type/subtype per RFC 6838)", path, "mediaType", s);
        }
        return s;
    }

    /** A non-negative integer that fits a long; floats, strings and exponents are refused. */
    static long requiredSize(JsonNode parent, String name, String path) {
        JsonNode n = required(parent, name, path);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw invalid("must be a non-negative integer", path);
        }
        return n.longValue();
    }

    static Map<String, String> stringMap(JsonNode parent, String name, String path) {
        JsonNode n = optional(parent, name);
        if (n == null) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw invalid("must be an object of strings", path);
        }
        var out = new LinkedHashMap<String, String>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getValue().isTextual()) {
                throw invalid("values must be strings", path + "." + e.getKey());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    static List<String> stringList(JsonNode parent, String name, String path) {
        JsonNode n = optional(parent, name);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw invalid("must be an array of strings", path);
        }
        var out = new ArrayList<String>(n.size());
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw invalid("must be a string", path + "[" + i + "]");
            }
            out.add(n.get(i).textValue());
        }
        return List.copyOf(out);
    }

    /** MANIFEST_INVALID with detail {@code {"reason", "field"}}; {@code field} is a JSON path or null. */
    static OciException invalid(String reason, String field) {
        return invalid(reason, field, null, null);
    }

    /** As {@link #invalid(String, String)}, with one more detail entry such as the offending digest. */
    static OciException invalid(String reason, String field, String key, String value) {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("reason", reason);
        if (field != null) {
            detail.put("field", echo(field));
        }
        if (key != null && value != null) {
            detail.put(key, echo(value));
        }
        String message = "manifest invalid: " + (field == null ? reason : field + ": " + reason);
        return ErrorCode.MANIFEST_INVALID.exception(echo(message), Collections.unmodifiableMap(detail));
    }

    /** Client text echoed back, bounded so a hostile payload cannot inflate error responses. */
    static String echo(String s) {
        return s == null || s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "…";
    }

    /**
     * Jackson's own words about the input when they are plain, else nothing: some messages name parser
     * features or Java types, which are internal details a client must not see (design invariant 6).
     */
    private static String describe(IOException e) {
        String msg = e instanceof JacksonException je ? je.getOriginalMessage() : null;
        if (msg != null) {
            int nl = msg.indexOf('\n');
            msg = nl < 0 ? msg : msg.substring(0, nl);
            String lower = msg.toLowerCase(java.util.Locale.ROOT);
            if (msg.contains("`") || lower.contains("feature") || lower.contains("jackson") || lower.contains("java")) {
                msg = null;
            }
        }
        JsonLocation loc = e instanceof JacksonException je ? je.getLocation() : null;
        return (msg == null ? "" : ": " + echo(msg)) + (loc == null ? "" : " at " + where(loc));
    }

    private static String where(JsonLocation loc) {
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
