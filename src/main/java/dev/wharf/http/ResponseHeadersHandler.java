package dev.wharf.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.List;
import java.util.Map;

/**
 * Adds the operator's configured headers ({@code http.headers}, {@code REGISTRY_HTTP_HEADERS_<Name>}) to every
 * response, as registry:2 does; typically CORS for a browser UI. When CORS headers are configured, a preflight
 * {@code OPTIONS} request is answered here with 204.
 */
public final class ResponseHeadersHandler extends Handler.Wrapper {
    private final Map<String, List<String>> headers;
    private final boolean cors;

    public ResponseHeadersHandler(Map<String, List<String>> headers, Handler next) {
        super(next);
        this.headers = Map.copyOf(headers);
        this.cors = headers.keySet().stream().anyMatch(h -> h.regionMatches(true, 0, "Access-Control-", 0, 15));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        var out = response.getHeaders();
        headers.forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        if (cors && "OPTIONS".equals(request.getMethod())) {
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        return super.handle(request, response, callback);
    }
}
