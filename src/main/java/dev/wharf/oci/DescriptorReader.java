package dev.wharf.oci;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.wharf.oci.ManifestJson.invalid;

/**
 * Validates OCI content descriptors inside a manifest. Errors are always {@code MANIFEST_INVALID} naming the
 * field: a bad digest in a manifest is a bad manifest, not a failed upload ({@code DIGEST_INVALID}).
 */
final class DescriptorReader {
    private DescriptorReader() {
    }

    static Descriptor read(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid("must be a descriptor object", path);
        }
        String mediaType = ManifestJson.requiredString(node, "mediaType", path + ".mediaType");
        if (!MediaTypes.isWellFormed(mediaType)) {
            throw invalid("not a well-formed media type (type/subtype per RFC 6838)", path + ".mediaType",
                    "mediaType", mediaType);
        }
        Digest digest = digest(ManifestJson.requiredString(node, "digest", path + ".digest"), path + ".digest");
        long size = ManifestJson.requiredSize(node, "size", path + ".size");
        List<String> urls = ManifestJson.stringList(node, "urls", path + ".urls");
        for (int i = 0; i < urls.size(); i++) {
            checkUrl(urls.get(i), path + ".urls[" + i + "]");
        }
        checkData(node, digest, size, path + ".data");
        return new Descriptor(mediaType, digest, size,
                ManifestJson.optMediaType(node, "artifactType", path + ".artifactType"),
                ManifestJson.stringMap(node, "annotations", path + ".annotations"),
                platform(ManifestJson.optional(node, "platform"), path + ".platform"),
                urls);
    }

    static Descriptor optional(JsonNode parent, String name) {
        JsonNode n = ManifestJson.optional(parent, name);
        return n == null ? null : read(n, name);
    }

    /** Every element of a descriptor array, in order; sized up front so 10,000-entry indexes stay cheap. */
    static List<Descriptor> readAll(JsonNode array, String path) {
        var out = new ArrayList<Descriptor>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(read(array.get(i), path + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static Digest digest(String text, String path) {
        try {
            return Digest.parse(text);
        } catch (OciException e) {
            throw invalid(e.getMessage(), path, "digest", text);
        }
    }

    /** {@code os} and {@code architecture} are required by the image-index spec; other fields are kept out. */
    private static Platform platform(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("must be an object", path);
        }
        return new Platform(ManifestJson.requiredString(node, "os", path + ".os"),
                ManifestJson.requiredString(node, "architecture", path + ".architecture"),
                ManifestJson.optString(node, "variant", path + ".variant"));
    }

    /** The spec requires RFC 3986 URIs; clients will fetch these, so relative or unparsable ones are refused. */
    private static void checkUrl(String url, String path) {
        try {
            if (!new URI(url).isAbsolute()) {
                throw invalid("must be an absolute URI", path);
            }
        } catch (URISyntaxException e) {
            throw invalid("not a valid URI", path);
        }
    }

    /** Embedded {@code data} must be exactly the described content, or a client could be shown other bytes. */
    private static void checkData(JsonNode node, Digest digest, long size, String path) {
        JsonNode n = ManifestJson.optional(node, "data");
        if (n == null) {
            return;
        }
        if (!n.isTextual()) {
            throw invalid("must be a base64 string", path);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(n.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid("not valid base64", path);
        }
        if (bytes.length != size) {
            throw invalid("decoded length does not match size", path);
        }
        if (!Digest.of(digest.algorithm(), bytes).equals(digest)) {
            throw invalid("content does not match digest", path, "digest", digest.toString());
        }
    }
}
