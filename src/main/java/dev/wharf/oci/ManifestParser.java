package dev.wharf.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

import static dev.wharf.oci.ManifestJson.invalid;

/**
 * Parses and validates manifest payloads: OCI image manifest and index (image-spec v1.1), Docker image manifest
 * v2 schema 2 and manifest list. Schema 1 is refused. Validation is structural only; whether referenced blobs
 * exist is the registry's business ({@link ParsedManifest#requiredBlobs()}).
 */
public final class ManifestParser {
    /** Manifests larger than this are refused with SIZE_INVALID, as the distribution spec allows. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private ManifestParser() {
    }

    /**
     * Validates {@code payload} pushed with {@code contentType}.
     *
     * @throws OciException MANIFEST_INVALID for malformed JSON, wrong schema, unknown or inconsistent media types
     *                      or invalid descriptors; SIZE_INVALID above {@link #MAX_MANIFEST_BYTES}
     */
    public static ParsedManifest parse(byte[] payload, String contentType) {
        if (payload == null) {
            throw invalid("manifest is empty", null);
        }
        if (payload.length > MAX_MANIFEST_BYTES) {
            throw ErrorCode.SIZE_INVALID.exception("manifest exceeds " + MAX_MANIFEST_BYTES + " bytes",
                    Map.of("size", payload.length, "limit", MAX_MANIFEST_BYTES));
        }
        ObjectNode root = ManifestJson.readObject(payload);
        String mediaType = effectiveMediaType(root, contentType);
        JsonNode version = ManifestJson.required(root, "schemaVersion", "schemaVersion");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 2) {
            throw invalid("schemaVersion must be 2", "schemaVersion");
        }
        return MediaTypes.isIndex(mediaType) ? index(root, mediaType) : image(root, mediaType);
    }

    /**
     * The payload's {@code mediaType}, else a manifest Content-Type, else what the payload's shape says (OCI lets
     * {@code mediaType} be omitted). Docker formats always carry the field, so its absence there is an error.
     */
    private static String effectiveMediaType(ObjectNode root, String contentType) {
        String declared = ManifestJson.optString(root, "mediaType", "mediaType");
        String header = MediaTypes.essence(contentType);
        if (declared != null) {
            if (!MediaTypes.isManifestType(declared)) {
                throw unsupported(declared);
            }
            if (header != null && !header.equals(declared)) {
                throw invalid("mediaType does not match Content-Type " + ManifestJson.echo(header), "mediaType",
                        "contentType", header);
            }
            return declared;
        }
        if (header != null && MediaTypes.isManifestType(header)) {
            if (!header.equals(MediaTypes.OCI_MANIFEST) && !header.equals(MediaTypes.OCI_INDEX)) {
                throw invalid("mediaType field is required for " + header, "mediaType");
            }
            return header;
        }
        if (MediaTypes.isDockerSchema1(header)) {
            throw unsupported(header);
        }
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config") && root.has("layers")) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw unsupported(header);
    }

    private static OciException unsupported(String mediaType) {
        String reason = mediaType == null
                ? "unsupported manifest media type: none given, and the payload is not shaped like a manifest or index"
                : "unsupported manifest media type " + ManifestJson.echo(mediaType);
        return invalid(reason, "mediaType", "mediaType", mediaType);
    }

    private static ParsedManifest image(ObjectNode root, String mediaType) {
        // Refusing the other format's fields closes the manifest/index confusion hole (CVE-2021-41190).
        if (root.has("manifests")) {
            throw invalid("an image manifest must not contain manifests", "manifests");
        }
        Descriptor config = DescriptorReader.read(ManifestJson.required(root, "config", "config"), "config");
        List<Descriptor> layers = DescriptorReader.readAll(ManifestJson.requiredArray(root, "layers", "layers"),
                "layers");
        Descriptor subject = DescriptorReader.optional(root, "subject");
        String artifactType = ManifestJson.optMediaType(root, "artifactType", "artifactType");
        Map<String, String> annotations = ManifestJson.stringMap(root, "annotations", "annotations");
        return new ParsedManifest(mediaType, config, layers, List.of(), subject,
                artifactType != null ? artifactType : config.mediaType(), annotations);
    }

    private static ParsedManifest index(ObjectNode root, String mediaType) {
        for (String field : List.of("config", "layers")) {
            if (root.has(field)) {
                throw invalid("an index must not contain " + field, field);
            }
        }
        List<Descriptor> manifests = DescriptorReader.readAll(
                ManifestJson.requiredArray(root, "manifests", "manifests"), "manifests");
        Descriptor subject = DescriptorReader.optional(root, "subject");
        String artifactType = ManifestJson.optMediaType(root, "artifactType", "artifactType");
        Map<String, String> annotations = ManifestJson.stringMap(root, "annotations", "annotations");
        return new ParsedManifest(mediaType, null, List.of(), manifests, subject, artifactType, annotations);
    }
}
