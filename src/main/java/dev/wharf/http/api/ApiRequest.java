package dev.wharf.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.wharf.auth.Principal;
import dev.wharf.http.reply.Json;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One management API request: its decoded path segments (so {@code my%2Frepo} is one segment {@code my/repo}),
 * query, JSON body and the authenticated principal.
 */
final class ApiRequest {
    private static final int MAX_BODY = 64 * 1024;

    private final Request request;
    private final List<String> segments;
    private final String basePath;
    private final Principal principal;
    private Fields query;

    ApiRequest(Request request, String prefix, Principal principal) {
        this.request = request;
        this.principal = principal;
        String raw = request.getHttpURI().getPath();
        this.basePath = raw;
        this.segments = segments(raw.substring(prefix.length()));
    }

    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("malformed percent-encoding in the path");
                }
            }
        }
        return out;
    }

    String method() {
        return request.getMethod();
    }

    List<String> segments() {
        return segments;
    }

    /** Who is calling and from where, as the services record it in events. */
    dev.wharf.events.Origin origin() {
        return new dev.wharf.events.Origin(principal.isAnonymous() ? "anonymous" : principal.name(),
                dev.wharf.http.auth.RemoteAddress.of(request), principal.tokenId());
    }

    Principal principal() {
        return principal;
    }

    String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        return query.getValue(name);
    }

    /** The absolute URL of this path with {@code query}, for pagination links. */
    String link(String queryString) {
        String scheme = request.getHttpURI().getScheme() == null ? "http" : request.getHttpURI().getScheme();
        return scheme + "://" + Request.getServerName(request) + ":" + Request.getServerPort(request) + basePath
                + "?" + queryString;
    }

    /** The host name the client used, for building the registry's address. */
    String serverName() {
        return Request.getServerName(request);
    }

    /** The JSON body; a missing node when there is none. 400 when it is not JSON. */
    JsonNode body() {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ApiError.badRequest("request body larger than 64 KiB");
            }
            if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                return MissingNode.getInstance();
            }
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (!node.isObject()) {
                throw ApiError.badRequest("request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiError.badRequest("request body is not valid JSON");
        }
    }
}
