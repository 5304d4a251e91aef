package dev.wharf.http.auth;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The expected answer of every data-plane endpoint to every kind of caller, the same in Basic (htpasswd) and token
 * mode. The repositories: {@code team/app} (an image tagged {@code v1}) and {@code team/src} in registry {@code team},
 * {@code other/app} in registry {@code other}.
 *
 * <p>401 means UNAUTHORIZED with a WWW-Authenticate challenge (in token mode naming the scope the endpoint needs, and
 * {@code error="invalid_token"} for a token that was presented and refused); 403 means DENIED. A credential that
 * does not check out (expired, revoked, tampered) is never treated as a weaker identity: it is refused with 401.
 * 404 is MANIFEST_UNKNOWN or BLOB_UNKNOWN: content of another repository is not served through one the caller may read.
 */
final class AccessMatrix {
    private AccessMatrix() {
    }

    /**
     * The callers. ADMIN is admin of registry team (not an instance admin); OTHER is admin of registry other only;
     * EXPIRED, REVOKED and TAMPERED are ADMIN's credentials gone bad (Basic: personal access tokens; token mode:
     * JWTs); ROBOT is a robot with the reader role on team.
     */
    enum Who { ANON, READER, WRITER, ADMIN, OTHER, EXPIRED, REVOKED, TAMPERED, ROBOT }

    static final String APP = "team/app";
    static final String SRC = "team/src";
    static final String OTHER_APP = "other/app";

    /** Each endpoint and the token scopes a client asks for to call it (the first is the one a challenge names). */
    enum Endpoint {
        BASE("GET /v2/"),
        CATALOG("GET /v2/_catalog", "registry:catalog:*"),
        TAGS("GET /v2/team/app/tags/list", pull(APP)),
        HEAD_MANIFEST_TAG("HEAD /v2/team/app/manifests/v1", pull(APP)),
        GET_MANIFEST_TAG("GET /v2/team/app/manifests/v1", pull(APP)),
        HEAD_MANIFEST_DIGEST("HEAD /v2/team/app/manifests/<digest>", pull(APP)),
        GET_MANIFEST_DIGEST("GET /v2/team/app/manifests/<digest>", pull(APP)),
        PUT_MANIFEST("PUT /v2/team/app/manifests/<tag>", push(APP)),
        DELETE_MANIFEST("DELETE /v2/team/app/manifests/<fresh digest>", "repository:" + APP + ":delete"),
        HEAD_BLOB("HEAD /v2/team/app/blobs/<digest>", pull(APP)),
        GET_BLOB("GET /v2/team/app/blobs/<digest>", pull(APP)),
        DELETE_BLOB("DELETE /v2/team/app/blobs/<fresh digest>", "repository:" + APP + ":delete"),
        START_UPLOAD("POST /v2/team/app/blobs/uploads/", push(APP)),
        MONOLITHIC_UPLOAD("POST /v2/team/app/blobs/uploads/?digest=", push(APP)),
        PATCH_UPLOAD("PATCH <writer's session>", push(APP)),
        PUT_UPLOAD("PUT <writer's session>?digest=", push(APP)),
        GET_UPLOAD("GET <writer's session>", push(APP)),
        DELETE_UPLOAD("DELETE <writer's session>", push(APP)),
        MOUNT("POST /v2/team/app/blobs/uploads/?mount=<team/src blob>&from=team/src", push(APP), pull(SRC)),
        /** The source is not readable by OTHER: 202 (upload instead), never 201, or the blob would leak. */
        MOUNT_UNREADABLE("POST /v2/other/app/blobs/uploads/?mount=<team/app layer>&from=team/app", push(OTHER_APP),
                pull(APP)),
        REFERRERS("GET /v2/team/app/referrers/<digest>", pull(APP)),
        /** A manifest of other/app asked for through team/app: repositories do not see each other's content. */
        FOREIGN_MANIFEST("GET /v2/team/app/manifests/<other/app digest>", pull(APP)),
        /** A blob of other/app asked for through team/app. */
        FOREIGN_BLOB("GET /v2/team/app/blobs/<other/app layer>", pull(APP));

        final String request;
        final List<String> scopes;

        Endpoint(String request, String... scopes) {
            this.request = request;
            this.scopes = List.of(scopes);
        }

        static String pull(String repo) {
            return "repository:" + repo + ":pull";
        }

        static String push(String repo) {
            return "repository:" + repo + ":pull,push";
        }
    }

    // @formatter:off
    static final Map<Endpoint, Map<Who, Integer>> EXPECTED = table(new Object[][]{
        //  endpoint                        ANON READER WRITER ADMIN OTHER EXPIRED REVOKED TAMPERED ROBOT
        {Endpoint.BASE,                     401, 200,   200,   200,  200,  401,    401,    401,     200},
        {Endpoint.CATALOG,                  401, 200,   200,   200,  200,  401,    401,    401,     200},
        {Endpoint.TAGS,                     401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.HEAD_MANIFEST_TAG,        401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.GET_MANIFEST_TAG,         401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.HEAD_MANIFEST_DIGEST,     401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.GET_MANIFEST_DIGEST,      401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.PUT_MANIFEST,             401, 403,   201,   201,  403,  401,    401,    401,     403},
        {Endpoint.DELETE_MANIFEST,          401, 403,   403,   202,  403,  401,    401,    401,     403},
        {Endpoint.HEAD_BLOB,                401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.GET_BLOB,                 401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.DELETE_BLOB,              401, 403,   403,   202,  403,  401,    401,    401,     403},
        {Endpoint.START_UPLOAD,             401, 403,   202,   202,  403,  401,    401,    401,     403},
        {Endpoint.MONOLITHIC_UPLOAD,        401, 403,   201,   201,  403,  401,    401,    401,     403},
        {Endpoint.PATCH_UPLOAD,             401, 403,   202,   202,  403,  401,    401,    401,     403},
        {Endpoint.PUT_UPLOAD,               401, 403,   201,   201,  403,  401,    401,    401,     403},
        {Endpoint.GET_UPLOAD,               401, 403,   204,   204,  403,  401,    401,    401,     403},
        {Endpoint.DELETE_UPLOAD,            401, 403,   204,   204,  403,  401,    401,    401,     403},
        {Endpoint.MOUNT,                    401, 403,   201,   201,  403,  401,    401,    401,     403},
        {Endpoint.MOUNT_UNREADABLE,         401, 403,   403,   403,  202,  401,    401,    401,     403},
        {Endpoint.REFERRERS,                401, 200,   200,   200,  403,  401,    401,    401,     200},
        {Endpoint.FOREIGN_MANIFEST,         401, 404,   404,   404,  403,  401,    401,    401,     404},
        {Endpoint.FOREIGN_BLOB,             401, 404,   404,   404,  403,  401,    401,    401,     404},
    });

    /** What GET /v2/_catalog lists for each caller it answers with 200: exactly what the caller may pull. */
    static final Map<Who, List<String>> CATALOG = Map.of(
        Who.READER, List.of(APP, SRC),
        Who.WRITER, List.of(APP, SRC),
        Who.ADMIN,  List.of(APP, SRC),
        Who.OTHER,  List.of(OTHER_APP),
        Who.ROBOT,  List.of(APP, SRC));
    // @formatter:on

    private static Map<Endpoint, Map<Who, Integer>> table(Object[][] rows) {
        Map<Endpoint, Map<Who, Integer>> out = new EnumMap<>(Endpoint.class);
        for (Object[] row : rows) {
            if (row.length != Who.values().length + 1) {
                throw new IllegalStateException("row " + row[0] + " needs one status per caller");
            }
            Map<Who, Integer> cells = new EnumMap<>(Who.class);
            for (Who who : Who.values()) {
                cells.put(who, (Integer) row[who.ordinal() + 1]);
            }
            out.put((Endpoint) row[0], cells);
        }
        if (out.size() != Endpoint.values().length) {
            throw new IllegalStateException("every endpoint needs a row");
        }
        return out;
    }
}
