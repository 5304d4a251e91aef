package dev.wharf.http.v2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a raw (still percent-encoded) {@code /v2/…} path into a {@link V2Route}. Repository names contain
 * slashes, so the route is recognised from the end: {@code …/tags/list}, {@code …/manifests/<ref>},
 * {@code …/blobs/uploads/[<id>]}, {@code …/blobs/<digest>}, {@code …/referrers/<digest>}.
 *
 * <p>Each segment is decoded on its own, so an encoded slash ({@code %2F}) or dot ({@code %2e%2e}) stays inside a
 * segment and is later refused by the repository name grammar instead of being reinterpreted as a path.
 */
final class V2Router {
    private V2Router() {
    }

    static V2Route route(String rawPath) {
        if (rawPath.equals("/v2") || rawPath.equals("/v2/")) {
            return new V2Route(V2Route.Kind.BASE, null, null);
        }
        if (rawPath.equals("/v2/_catalog")) {
            return new V2Route(V2Route.Kind.CATALOG, null, null);
        }
        if (!rawPath.startsWith("/v2/")) {
            return notFound();
        }
        String rest = rawPath.substring(4);
        boolean trailingSlash = rest.endsWith("/");
        String[] seg = rest.split("/", -1);
        int n = trailingSlash ? seg.length - 1 : seg.length;
        for (int i = 0; i < seg.length; i++) {
            seg[i] = decode(seg[i]);
            if (seg[i] == null) {
                return notFound();
            }
        }
        if (n >= 3 && seg[n - 2].equals("blobs") && seg[n - 1].equals("uploads")) {
            return new V2Route(V2Route.Kind.UPLOADS, name(seg, n - 2), null);
        }
        if (trailingSlash) {
            return notFound();
        }
        if (n >= 4 && seg[n - 3].equals("blobs") && seg[n - 2].equals("uploads")) {
            return new V2Route(V2Route.Kind.UPLOAD, name(seg, n - 3), seg[n - 1]);
        }
        if (n >= 3) {
            String kindSegment = seg[n - 2];
            String last = seg[n - 1];
            String name = name(seg, n - 2);
            switch (kindSegment) {
                case "tags":
                    return last.equals("list") ? new V2Route(V2Route.Kind.TAGS, name, null) : notFound();
                case "manifests":
                    return new V2Route(V2Route.Kind.MANIFEST, name, last);
                case "blobs":
                    return new V2Route(V2Route.Kind.BLOB, name, last);
                case "referrers":
                    return new V2Route(V2Route.Kind.REFERRERS, name, last);
                default:
                    return notFound();
            }
        }
        return notFound();
    }

    private static String name(String[] seg, int end) {
        return String.join("/", Arrays.asList(seg).subList(0, end));
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0 && segment.indexOf('+') < 0) {
            return segment;
        }
        try {
            // '+' is literal in a path; protect it from the form decoder
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static V2Route notFound() {
        return new V2Route(V2Route.Kind.NOT_FOUND, null, null);
    }
}
