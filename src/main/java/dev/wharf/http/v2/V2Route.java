package dev.wharf.http.v2;

/**
 * A parsed {@code /v2/} path. {@code name} is the raw (decoded, not yet validated) repository name; {@code arg}
 * is the last segment: a reference, digest or upload id, or null.
 */
record V2Route(Kind kind, String name, String arg) {

    enum Kind {
        BASE, CATALOG, TAGS, MANIFEST, BLOB, UPLOADS, UPLOAD, REFERRERS, NOT_FOUND
    }

    /** Whether the route names a repository (then {@code name} is parsed once, when the request is handled). */
    boolean named() {
        return switch (kind) {
            case BASE, CATALOG, NOT_FOUND -> false;
            case TAGS, MANIFEST, BLOB, UPLOADS, UPLOAD, REFERRERS -> true;
        };
    }
}
