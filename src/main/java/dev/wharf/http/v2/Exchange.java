package dev.wharf.http.v2;

import dev.wharf.events.Origin;
import dev.wharf.http.auth.Caller;
import dev.wharf.http.auth.RemoteAddress;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.RepositoryName;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.io.InputStream;
import java.util.Map;

/** The parts of a Jetty request the data-plane endpoints read, with OCI errors for malformed input. */
final class Exchange {
    private final Request request;
    private final V2Route route;
    private final RepositoryName repository;
    private final Caller caller;
    private Fields query;

    /** {@code repository}: the route's name, parsed once by the handler; null when the route names none. */
    Exchange(Request request, V2Route route, RepositoryName repository, Caller caller) {
        this.request = request;
        this.route = route;
        this.repository = repository;
        this.caller = caller;
    }

    /** Who is calling; the route's access was already checked, finer checks (mount source, catalog) use this. */
    Caller caller() {
        return caller;
    }

    /** Who is calling and from where, as the services record it in events. */
    Origin origin() {
        var p = caller.principal();
        return new Origin(p.isAnonymous() ? "anonymous" : p.name(), RemoteAddress.of(request), p.tokenId());
    }

    String method() {
        return request.getMethod();
    }

    V2Route route() {
        return route;
    }

    RepositoryName repository() {
        return repository;
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** All values of a header, e.g. the several {@code Accept} headers some clients send. */
    java.util.List<String> headerValues(String name) {
        return request.getHeaders().getValuesList(name);
    }

    String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        return query.getValue(name);
    }

    /** Declared request body length, or -1 when the body is chunked. */
    long contentLength() {
        return request.getLength();
    }

    /** The body of a blob upload; a malformed or truncated one is BLOB_UPLOAD_INVALID (400). */
    InputStream body() {
        return RequestBody.of(request, ErrorCode.BLOB_UPLOAD_INVALID);
    }

    /** The body of a manifest push; a malformed or truncated one is MANIFEST_INVALID (400). */
    InputStream manifestBody() {
        return RequestBody.of(request, ErrorCode.MANIFEST_INVALID);
    }

    /** A non-negative integer query parameter, {@code dflt} when absent. */
    int intQuery(String name, int dflt) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ErrorCode.PAGINATION_NUMBER_INVALID.exception("invalid number of results requested", Map.of(name, v));
        }
    }
}
