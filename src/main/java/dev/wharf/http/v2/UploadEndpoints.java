package dev.wharf.http.v2;

import dev.wharf.http.reply.Reply;
import dev.wharf.meta.UploadSession;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.CommittedBlob;
import dev.wharf.content.UploadService;

import java.util.Map;
import java.util.Optional;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (new session, monolithic with {@code ?digest=}, or mount
 * with {@code ?mount=&from=}), then {@code PATCH|PUT|GET|DELETE /v2/<name>/blobs/uploads/<id>}.
 */
final class UploadEndpoints {
    private final UploadService uploads;

    UploadEndpoints(UploadService uploads) {
        this.uploads = uploads;
    }

    Reply start(Exchange ex) {
        if (!"POST".equals(ex.method())) {
            return V2Handler.methodNotAllowed(ex);
        }
        RepositoryName repo = ex.repository();
        String mount = ex.query("mount");
        if (mount != null) {
            Digest digest = Digest.parse(mount);
            String from = ex.query("from");
            if (from != null && RepositoryName.isValid(from)
                    && ex.caller().allowed(from, java.util.Set.of(dev.wharf.auth.Action.PULL)).contains(dev.wharf.auth.Action.PULL)) {
                Optional<CommittedBlob> mounted = uploads.mount(repo, RepositoryName.parse(from), digest,
                        ex.origin());
                if (mounted.isPresent()) {
                    return created(repo, mounted.get());
                }
            }
            // Not mountable (absent, or the caller may not read the source): the client uploads instead.
        }
        String digest = ex.query("digest");
        if (digest != null) {
            return created(repo, uploads.monolithic(repo, Digest.parse(digest), ex.body(), ex.contentLength()));
        }
        UploadSession session = uploads.start(repo);
        return accepted(repo, session.id(), 0).header("Range", "0-0");
    }

    Reply session(Exchange ex) {
        RepositoryName repo = ex.repository();
        String id = ex.route().arg();
        return switch (ex.method()) {
            case "PATCH" -> patch(ex, repo, id);
            case "PUT" -> put(ex, repo, id);
            case "GET", "HEAD" -> {
                UploadSession s = uploads.status(repo, id);
                yield withRange(Reply.status(204), s.size())
                        .header("Location", location(repo, id))
                        .header("Docker-Upload-UUID", id);
            }
            case "DELETE" -> {
                uploads.cancel(repo, id);
                yield Reply.status(204);
            }
            default -> V2Handler.methodNotAllowed(ex);
        };
    }

    private Reply patch(Exchange ex, RepositoryName repo, String id) {
        Long start = null;
        long length = ex.contentLength();
        String contentRange = ex.header("Content-Range");
        if (contentRange != null) {
            long[] range = parseContentRange(contentRange);
            start = range[0];
            long declared = range[1] - range[0] + 1;
            if (length >= 0 && length != declared) {
                throw ErrorCode.SIZE_INVALID.exception("Content-Length does not match Content-Range",
                        Map.of("contentLength", length, "contentRange", contentRange));
            }
            length = declared;
        }
        UploadSession s = uploads.append(repo, id, start, length, ex.body());
        return accepted(repo, id, s.size());
    }

    private Reply put(Exchange ex, RepositoryName repo, String id) {
        String digest = ex.query("digest");
        if (digest == null) {
            throw ErrorCode.DIGEST_INVALID.exception("digest query parameter is required to complete an upload");
        }
        Digest d = Digest.parse(digest);
        String contentRange = ex.header("Content-Range");
        Long start = contentRange == null ? null : parseContentRange(contentRange)[0];
        return created(repo, uploads.complete(repo, id, d, start, ex.body(), ex.contentLength()));
    }

    private static Reply created(RepositoryName repo, CommittedBlob blob) {
        return Reply.status(201)
                .header("Location", "/v2/" + repo + "/blobs/" + blob.digest())
                .header("Docker-Content-Digest", blob.digest().toString());
    }

    private static Reply accepted(RepositoryName repo, String id, long size) {
        return withRange(Reply.status(202), size)
                .header("Location", location(repo, id))
                .header("Docker-Upload-UUID", id);
    }

    /** {@code Range: 0-<last byte>}; an empty upload reports {@code 0-0} as registry:2 does. */
    private static Reply withRange(Reply reply, long size) {
        return reply.header("Range", "0-" + Math.max(0, size - 1));
    }

    private static String location(RepositoryName repo, String id) {
        return "/v2/" + repo + "/blobs/uploads/" + id;
    }

    /** Parses {@code <start>-<end>} (optionally prefixed {@code bytes }); 416 when malformed. */
    static long[] parseContentRange(String header) {
        String v = header.trim();
        if (v.startsWith("bytes")) {
            v = v.substring(5).trim();
            if (v.startsWith("=")) {
                v = v.substring(1).trim();
            }
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        int dash = v.indexOf('-');
        try {
            long start = Long.parseLong(v.substring(0, dash).trim());
            long end = Long.parseLong(v.substring(dash + 1).trim());
            if (start < 0 || end < start) {
                throw new NumberFormatException();
            }
            return new long[]{start, end};
        } catch (RuntimeException e) {
            throw ErrorCode.RANGE_INVALID.exception("invalid Content-Range", Map.of("contentRange", header));
        }
    }
}
