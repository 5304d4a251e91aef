package dev.wharf.http.v2;

import dev.wharf.http.reply.Reply;
import dev.wharf.meta.ManifestRecord;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.ManifestParser;
import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.ContentDeletion;
import dev.wharf.content.ManifestService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** {@code GET|HEAD|PUT|DELETE /v2/<name>/manifests/<reference>}. */
final class ManifestEndpoints {
    private final ManifestService manifests;
    private final ContentDeletion deletion;

    ManifestEndpoints(ManifestService manifests, ContentDeletion deletion) {
        this.manifests = manifests;
        this.deletion = deletion;
    }

    Reply handle(Exchange ex) {
        RepositoryName repo = ex.repository();
        String reference = ex.route().arg();
        return switch (ex.method()) {
            case "GET", "HEAD" -> read(ex, repo, existing(reference));
            case "PUT" -> put(ex, repo, Reference.parse(reference));
            case "DELETE" -> delete(ex, repo, existing(reference));
            default -> V2Handler.methodNotAllowed(ex);
        };
    }

    /** A reference to look up: one that is neither a tag nor a digest names nothing, so it is not found (404). */
    private static Reference existing(String reference) {
        return Reference.tryParse(reference).orElseThrow(() -> ManifestService.unknown(reference));
    }

    private Reply read(Exchange ex, RepositoryName repo, Reference reference) {
        ManifestRecord m = "GET".equals(ex.method()) ? manifests.pull(repo, reference, ex.origin())
                : manifests.get(repo, reference);
        if (!AcceptHeader.accepts(ex.headerValues("Accept"), m.mediaType())) {
            throw ErrorCode.MANIFEST_UNKNOWN.exception("manifest found, but its media type is not in the Accept header",
                    Map.of("mediaType", m.mediaType(), "digest", m.digest().toString()));
        }
        String etag = "\"" + m.digest() + "\"";
        if (etag.equals(ex.header("If-None-Match"))) {
            return Reply.status(304).header("ETag", etag).header("Docker-Content-Digest", m.digest().toString());
        }
        Reply reply = Reply.bytes(200, m.mediaType(), m.payload())
                .header("Docker-Content-Digest", m.digest().toString())
                .header("ETag", etag);
        return "HEAD".equals(ex.method()) ? reply.withBody(new Reply.Announced(m.size())) : reply;
    }

    private Reply put(Exchange ex, RepositoryName repo, Reference reference) {
        byte[] payload = readLimited(ex.manifestBody(), ex.contentLength());
        ManifestService.Pushed pushed = manifests.put(repo, reference, payload, ex.header("Content-Type"),
                ex.origin());
        Reply reply = Reply.status(201)
                .header("Location", "/v2/" + repo + "/manifests/" + pushed.digest())
                .header("Docker-Content-Digest", pushed.digest().toString());
        if (pushed.subject() != null) {
            reply.header("OCI-Subject", pushed.subject().toString());
        }
        return reply;
    }

    /** Deleting by digest removes the manifest and its tags; deleting by tag removes only the tag. */
    private Reply delete(Exchange ex, RepositoryName repo, Reference reference) {
        boolean deleted = switch (reference) {
            case Reference.ByDigest d -> deletion.manifest(repo, d.digest(), ex.origin());
            case Reference.Tag t -> deletion.tag(repo, t.name(), ex.origin());
        };
        if (!deleted) {
            throw ManifestService.unknown(reference);
        }
        return Reply.status(202);
    }

    /** Reads a manifest body, refusing more than {@link ManifestParser#MAX_MANIFEST_BYTES} without buffering it. */
    private static byte[] readLimited(InputStream body, long declared) {
        int max = ManifestParser.MAX_MANIFEST_BYTES;
        if (declared > max) {
            throw tooLarge(declared);
        }
        try (body) {
            byte[] bytes = body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw tooLarge(-1);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static dev.wharf.oci.OciException tooLarge(long declared) {
        return ErrorCode.SIZE_INVALID.exception("manifest larger than the 4 MiB limit",
                declared >= 0 ? Map.of("limit", ManifestParser.MAX_MANIFEST_BYTES, "size", declared)
                        : Map.of("limit", ManifestParser.MAX_MANIFEST_BYTES)).withStatus(413);
    }
}
