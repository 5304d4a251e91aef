package dev.wharf.http.v2;

import dev.wharf.http.reply.Reply;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.BlobService;
import dev.wharf.storage.BlobSource;
import dev.wharf.content.ContentDeletion;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET|HEAD|DELETE /v2/<name>/blobs/<digest>}, with single byte ranges and ETags. */
final class BlobEndpoints {
    private final BlobService blobs;
    private final ContentDeletion deletion;

    BlobEndpoints(BlobService blobs, ContentDeletion deletion) {
        this.blobs = blobs;
        this.deletion = deletion;
    }

    Reply handle(Exchange ex) {
        RepositoryName repo = ex.repository();
        Digest digest = Digest.parse(ex.route().arg());
        return switch (ex.method()) {
            case "GET", "HEAD" -> read(ex, repo, digest);
            case "DELETE" -> delete(ex, repo, digest);
            default -> V2Handler.methodNotAllowed(ex);
        };
    }

    private Reply read(Exchange ex, RepositoryName repo, Digest digest) {
        long size = "GET".equals(ex.method()) ? blobs.pull(repo, digest, ex.origin()) : blobs.size(repo, digest);
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
        return switch (blobs.serve(digest)) {
            case BlobSource.LocalFile f -> reply.withBody(new Reply.FileRegion(f.path(), offset, length));
            case BlobSource.Stream s -> reply.withBody(new Reply.ChannelRegion(s.channel(), offset, length));
            // the URL answers the client's own Range header; ours would describe a body we do not send
            case BlobSource.Redirect r -> Reply.status(307).header("Location", r.location().toString())
                    .header("Docker-Content-Digest", digest.toString());
        };
    }

    private Reply delete(Exchange ex, RepositoryName repo, Digest digest) {
        if (!deletion.blob(repo, digest, ex.origin())) {
            throw ErrorCode.BLOB_UNKNOWN.exception("blob unknown to registry", Map.of("digest", digest.toString()));
        }
        return Reply.status(202).header("Docker-Content-Digest", digest.toString());
    }

    /**
     * One byte range of a blob. RFC 9110 14.2 lets a server ignore a {@code Range} it does not serve, so anything but
     * one well-formed {@code bytes=} range (several ranges, another unit, bad syntax) is ignored and the whole blob
     * answered with 200; only a well-formed range that lies outside the blob is 416.
     */
    record ByteRange(long start, long end) {
        private static final Pattern SINGLE =
                Pattern.compile("bytes\\s*=\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})", Pattern.CASE_INSENSITIVE);

        long length() {
            return end - start + 1;
        }

        /** Null when the whole blob is to be served; 416 RANGE_INVALID when the range cannot be satisfied. */
        static ByteRange parse(String header, long size) {
            Matcher m = header == null ? null : SINGLE.matcher(header.strip());
            if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return null;
            }
            if (m.group(1).isEmpty()) { // suffix: the last n bytes
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < start) {
                return null; // an invalid range-spec (RFC 9110 14.1.1): ignored like any other
            }
            if (start >= size) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(start, Math.min(last, size - 1));
        }

        private static dev.wharf.oci.OciException unsatisfiable(String header, long size) {
            return ErrorCode.RANGE_INVALID.exception("requested range not satisfiable", Map.of("range", header, "size", size))
                    .withHeaders(Map.of("Content-Range", "bytes */" + size));
        }
    }
}
