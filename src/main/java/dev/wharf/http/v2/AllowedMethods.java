package dev.wharf.http.v2;

import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.content.ContentDeletion;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The methods each {@code /v2} route answers, in one table. Any other method gets 405 UNSUPPORTED with the
 * {@code Allow} header RFC 9110 requires, before authentication or any work. With deletes disabled (the rule lives
 * in {@link ContentDeletion}; this table only asks it what to advertise), DELETE is left out of {@code Allow} and
 * refused with the service's message.
 */
final class AllowedMethods {
    private static final Map<V2Route.Kind, List<String>> TABLE = new EnumMap<>(Map.of(
            V2Route.Kind.BASE, List.of("GET", "HEAD"),
            V2Route.Kind.CATALOG, List.of("GET", "HEAD"),
            V2Route.Kind.TAGS, List.of("GET", "HEAD"),
            V2Route.Kind.REFERRERS, List.of("GET", "HEAD"),
            V2Route.Kind.MANIFEST, List.of("GET", "HEAD", "PUT", "DELETE"),
            V2Route.Kind.BLOB, List.of("GET", "HEAD", "DELETE"),
            V2Route.Kind.UPLOADS, List.of("POST"),
            V2Route.Kind.UPLOAD, List.of("GET", "HEAD", "PUT", "PATCH", "DELETE")));

    private final boolean deleteEnabled;

    AllowedMethods(ContentDeletion deletion) {
        this.deleteEnabled = deletion.enabled();
    }

    /** Throws 405 when {@code route} does not answer {@code method}; unknown routes are left to answer 404. */
    void check(V2Route route, String method) {
        List<String> supported = TABLE.get(route.kind());
        if (supported == null) {
            return;
        }
        List<String> allowed = deleteEnabled || route.kind() == V2Route.Kind.UPLOAD ? supported
                : supported.stream().filter(m -> !m.equals("DELETE")).toList();
        if (allowed.contains(method)) {
            return;
        }
        String allow = String.join(", ", allowed);
        OciException refusal = supported.contains(method) ? ContentDeletion.disabled()
                : ErrorCode.UNSUPPORTED.exception("method " + method + " not allowed here", Map.of("allow", allow));
        throw refusal.withHeaders(Map.of("Allow", allow));
    }
}
