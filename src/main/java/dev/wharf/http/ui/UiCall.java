package dev.wharf.http.ui;

import dev.wharf.http.reply.Json;
import dev.wharf.http.reply.UnreadBody;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One UI request and its response: parameters, cookies, and the few kinds of answer the UI gives. */
final class UiCall {
    static final String COOKIE = "wharf_ui";
    /** No inline script or style anywhere: every script and stylesheet is a file under /ui/static/. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int MAX_FORM_BYTES = 64 * 1024;
    /** The HTTP layer's mapper, with instants as ISO-8601 text. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = Json.MAPPER.copy().registerModule(
            new com.fasterxml.jackson.databind.module.SimpleModule().addSerializer(java.time.Instant.class,
                    com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    final Request request;
    final Response response;
    final Callback callback;
    final String path;
    private Fields query;
    private Fields form;

    UiCall(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = request.getHttpURI().getPath();
    }

    String method() {
        return request.getMethod();
    }

    boolean isGet() {
        return "GET".equals(method()) || "HEAD".equals(method());
    }

    /** A query parameter, or null. */
    String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query.getValue(name);
    }

    /** A form field of an urlencoded POST body, or null. */
    String form(String name) {
        if (form == null) {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            form = type != null && type.startsWith("application/x-www-form-urlencoded")
                    ? FormFields.getFields(request, 100, MAX_FORM_BYTES)
                    : new Fields();
        }
        return form.getValue(name);
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    String cookie(String name) {
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /** {@code host[:port]} the client used, for copyable pull commands. */
    String authority() {
        String host = request.getHttpURI().getAuthority();
        return host == null || host.isEmpty() ? "localhost" : host;
    }

    void setSessionCookie(String id, Duration maxAge) {
        String secure = request.isSecure() ? "; Secure" : "";
        response.getHeaders().add(HttpHeader.SET_COOKIE, COOKIE + "=" + id + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict" + secure);
    }

    void clearSessionCookie() {
        response.getHeaders().add(HttpHeader.SET_COOKIE, COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    void html(int status, String body) {
        send(status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    void json(int status, Object value) {
        try {
            send(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    void jsonError(int status, String code, String message) {
        json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    void noContent() {
        send(204, null, new byte[0]);
    }

    /** 303 See Other: after a form post the browser fetches the target with GET. */
    void redirect(String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        send(303, null, new byte[0]);
    }

    void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        var h = response.getHeaders();
        if (contentType != null) {
            h.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "same-origin");
        h.put("X-Frame-Options", "DENY");
        if (!h.contains(HttpHeader.CACHE_CONTROL)) {
            h.put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        if (status != 204 && status != 304) {
            h.put(HttpHeader.CONTENT_LENGTH, body.length);
        }
        if (UnreadBody.mustCloseAfter(request, status)) {
            h.put(HttpHeader.CONNECTION, "close");
        }
        boolean head = "HEAD".equals(method());
        response.write(true, head || body.length == 0 ? null : ByteBuffer.wrap(body), callback);
    }
}
