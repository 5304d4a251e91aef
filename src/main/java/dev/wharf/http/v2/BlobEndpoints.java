package dev.wharf.http.v2;

import dev.wharf.http.Reply;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;
import dev.wharf.registry.BlobService;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code GET|HEAD|DELETE /v2/<name>/blobs/<digest>}, with single byte ranges and ETags. */
final class BlobEndpoints {
    private final BlobService blobs;
    private final boolean deleteEnabled;

    BlobEndpoints(BlobService blobs, boolean deleteEnabled) {
        this.blobs = blobs;
        this.deleteEnabled = deleteEnabled;
    }

    Reply handle(Exchange ex) {
        RepositoryName repo = ex.repository();
        Digest digest = Digest.parse(ex.route().arg());
        return switch (ex.method()) {
            case "GET", "HEAD" -> read(ex, repo, digest);
            case "DELETE" -> delete(repo, digest);
            default -> V2Handler.methodNotAllowed(ex);
        };
    }

    private Reply read(Exchange ex, RepositoryName repo, Digest digest) {
        long size = blobs.size(repo, digest);
        String etag = "\"" + digest + "\"";
        if (etag.equals(ex.header("If-None-Match"))) {
            return Reply.status(304).header("ETag", etag).header("Docker-Content-Digest", digest.toString());
        }
        ByteRange range = ByteRange.parse(ex.header("Range"), size);
        Reply reply = Reply.status(range == null ? 200 : 206)
                .header("Content-Type", "application/octet-stream")
                .header("Docker-Content-Digest", digest.toString())
                .header("ETag", etag)
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "max-age=31536000");
        long offset = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        if (range != null) {
            reply.header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
        }
        if ("HEAD".equals(ex.method())) {
            return reply.withBody(new Reply.Announced(length));
        }
        Optional<Path> file = blobs.localFile(digest);
        return reply.withBody(file.<Reply.Body>map(f -> new Reply.FileRegion(f, offset, length))
                .orElseGet(() -> new Reply.ChannelRegion(blobs.open(digest), offset, length)));
    }

    private Reply delete(RepositoryName repo, Digest digest) {
        if (!deleteEnabled) {
            throw V2Handler.deleteDisabled();
        }
        blobs.delete(repo, digest);
        return Reply.status(202).header("Docker-Content-Digest", digest.toString());
    }

    /** One byte range of a blob; multi-range requests are refused (no client needs them). */
    record ByteRange(long start, long end) {
        long length() {
            return end - start + 1;
        }

        /** Null when there is no Range header; 416 RANGE_INVALID when it cannot be satisfied. */
        static ByteRange parse(String header, long size) {
            if (header == null) {
                return null;
            }
            String h = header.trim();
            if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
                throw unsatisfiable(header, size);
            }
            String spec = h.substring(6).trim();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                throw unsatisfiable(header, size);
            }
            try {
                String a = spec.substring(0, dash).trim();
                String b = spec.substring(dash + 1).trim();
                long start;
                long end;
                if (a.isEmpty()) { // suffix: the last b bytes
                    long suffix = Long.parseLong(b);
                    if (suffix <= 0 || size == 0) {
                        throw unsatisfiable(header, size);
                    }
                    start = Math.max(0, size - suffix);
                    end = size - 1;
                } else {
                    start = Long.parseLong(a);
                    end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
                }
                if (start < 0 || start >= size || end < start) {
                    throw unsatisfiable(header, size);
                }
                return new ByteRange(start, end);
            } catch (NumberFormatException e) {
                throw unsatisfiable(header, size);
            }
        }

        private static dev.wharf.oci.OciException unsatisfiable(String header, long size) {
            return ErrorCode.RANGE_INVALID.exception("requested range not satisfiable", Map.of("range", header, "size", size))
                    .withHeaders(Map.of("Content-Range", "bytes */" + size));
        }
    }
}
