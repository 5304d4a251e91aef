package dev.wharf.http.observe;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** Response helpers shared by the observability endpoints. */
final class Endpoints {
    private Endpoints() {
    }

    static boolean isGetOrHead(Request request) {
        return HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
    }

    static void methodNotAllowed(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        json(null, response, HttpStatus.METHOD_NOT_ALLOWED_405, "{\"status\":\"method not allowed\"}", callback);
    }

    /** Writes a small JSON body (none for HEAD, which still gets its Content-Length). */
    static void json(Request request, Response response, int status, String json, Callback callback) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (request != null && HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
        } else {
            response.write(true, BufferUtil.toBuffer(body), callback);
        }
    }
}
