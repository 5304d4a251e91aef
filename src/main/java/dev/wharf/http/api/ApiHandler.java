package dev.wharf.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.Principal;
import dev.wharf.http.reply.Json;
import dev.wharf.http.reply.Reply;
import dev.wharf.http.reply.ReplyWriter;
import dev.wharf.http.auth.RemoteAddress;
import dev.wharf.oci.OciException;
import dev.wharf.tenancy.TenancyException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The management API: every request on the API's own listener (at the root, DigitalOcean's paths) and requests
 * under {@code /api} on the main port. Authenticates with {@code Authorization: Bearer <token>} (or Basic),
 * dispatches, and turns every failure into DigitalOcean's error body here and nowhere else.
 */
final class ApiHandler extends Handler.Abstract {
    static final String PREFIX = "/api";
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final ApiRoutes routes;
    private final CredentialCheck logins;
    private final String apiConnector;

    /**
     * {@code logins}: checks, throttles and audits presented tokens and passwords (null: nobody authenticates);
     * {@code apiConnector}: the name of the connector served at the root (null: only {@code /api}).
     */
    ApiHandler(ApiRoutes routes, CredentialCheck logins, String apiConnector) {
        this.routes = routes;
        this.logins = logins;
        this.apiConnector = apiConnector;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String prefix;
        String path = request.getHttpURI().getPath();
        if (apiConnector != null && apiConnector.equals(request.getConnectionMetaData().getConnector().getName())) {
            prefix = "";
        } else if (path.startsWith(PREFIX + "/")) {
            prefix = PREFIX;
        } else {
            return false;
        }
        String requestId = UUID.randomUUID().toString();
        Reply reply;
        try {
            Principal principal = authenticate(request);
            reply = routes.dispatch(new ApiRequest(request, prefix, principal));
        } catch (ApiError e) {
            reply = error(e, requestId);
        } catch (TenancyException e) {
            reply = error(ApiError.of(e), requestId);
        } catch (DockerCredentialIssuer.Refused e) {
            reply = error(ApiError.forbidden(e.getMessage()), requestId);
        } catch (OciException e) {
            reply = error(new ApiError(e.status(), switch (e.status()) {
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                default -> "bad_request";
            }, e.getMessage()), requestId);
        } catch (RuntimeException e) {
            log.error("{} {} failed (request {})", request.getMethod(), path, requestId, e);
            reply = error(new ApiError(500, "server_error", "internal server error; see the server log"), requestId);
        }
        reply.header("X-Request-Id", requestId);
        ReplyWriter.write(request, response, callback, reply);
        return true;
    }

    /** Bearer token, or Basic with the token (or a password) as the password; 401 when absent or wrong. */
    private Principal authenticate(Request request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || header.isBlank() || logins == null) {
            throw ApiError.unauthorized();
        }
        String username = null;
        String secret = null;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            username = "";
            secret = header.substring(7).strip();
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    username = pair.substring(0, colon);
                    secret = pair.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                // not base64: a failed login like a wrong password
            }
        }
        return switch (logins.check(username, secret, RemoteAddress.of(request), "api")) {
            case CredentialCheck.Outcome.Accepted a -> a.principal();
            case CredentialCheck.Outcome.Refused r -> throw ApiError.unauthorized();
            case CredentialCheck.Outcome.Throttled t -> throw ApiError.tooManyRequests(t.seconds());
        };
    }

    static Reply json(int status, ObjectNode body) {
        return Reply.bytes(status, "application/json; charset=utf-8", Json.bytes(body));
    }

    private static Reply error(ApiError e, String requestId) {
        ObjectNode body = ApiViews.object();
        body.put("id", e.id());
        body.put("message", e.getMessage());
        body.put("request_id", requestId);
        Reply reply = json(e.status(), body);
        if (e.status() == 401) {
            reply.header("WWW-Authenticate", "Bearer realm=\"wharf\"");
        }
        if (e.retryAfterSeconds() > 0) {
            reply.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return reply;
    }
}
