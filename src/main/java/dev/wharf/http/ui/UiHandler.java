package dev.wharf.http.ui;

import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.Principal;
import dev.wharf.http.auth.RemoteAddress;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI's front door: claims {@code /ui…}, {@code /api/repos} and {@code /api/tags/…} (everything else
 * passes to the next handler), finds the caller's session, sends strangers to the sign-in page, refuses
 * state-changing requests without the session's CSRF token, and dispatches to the pages and JSON endpoints.
 */
final class UiHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(UiHandler.class);

    private final UiContext ctx;
    private final UiPages pages;
    private final UiApi api;
    private final LoginFlow login;

    UiHandler(UiContext ctx) {
        this.ctx = ctx;
        this.pages = new UiPages(ctx);
        this.api = new UiApi(ctx);
        this.login = new LoginFlow(ctx, pages);
    }

    static boolean claims(String path) {
        return path.equals("/ui") || path.startsWith("/ui/") || path.equals("/api/repos")
                || path.startsWith("/api/tags/");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || !claims(path)) {
            return false;
        }
        UiCall call = new UiCall(request, response, callback);
        try {
            route(call);
        } catch (OciException e) {
            e.headers().forEach(call.response.getHeaders()::put);
            fail(call, null, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(call, null, 400, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("web UI request {} {} failed", call.method(), path, e);
            fail(call, null, 500, "internal error; see the server log");
        }
        return true;
    }

    private void route(UiCall call) {
        String path = call.path;
        if (path.equals("/ui")) {
            call.redirect("/ui/");
            return;
        }
        if (path.startsWith("/ui/static/")) {
            StaticAssets.serve(call);
            return;
        }
        Visit visit = visit(call);
        if (path.equals("/ui/login")) {
            if (call.isGet()) {
                login.form(call, visit);
            } else if (csrfOk(call)) {
                login.signIn(call, visit);
            } else {
                fail(call, visit, 403, "The sign-in form expired. Reload the page and try again.");
            }
            return;
        }
        boolean api = path.startsWith("/ui/api/") || path.startsWith("/api/");
        if (visit.viewer() == null) {
            if (api) {
                call.jsonError(401, "UNAUTHORIZED", "sign in, or send HTTP Basic credentials");
            } else {
                String next = call.isGet() ? path + query(call) : "/ui/";
                call.redirect("/ui/login?next=" + Fmt.enc(next));
            }
            return;
        }
        if (!call.isGet() && !visit.basic() && !csrfOk(call)) {
            if (api) {
                call.jsonError(403, "CSRF", "missing or wrong CSRF token");
            } else {
                fail(call, visit, 403, "The form expired. Reload the page and try again.");
            }
            return;
        }
        if (path.equals("/ui/logout") && !call.isGet()) {
            login.signOut(call, visit);
        } else if (api) {
            this.api.handle(call, visit);
        } else {
            pages.handle(call, visit);
        }
    }

    private static String query(UiCall call) {
        String q = call.request.getHttpURI().getQuery();
        return q == null ? "" : "?" + q;
    }

    /**
     * The signed-in session behind the cookie (dropped when its account may no longer act), or HTTP Basic credentials
     * checked through the server's one {@link CredentialCheck}. Anonymous browsers get a random cookie but no server
     * state: their CSRF token is derived from the cookie ({@link CsrfTokens}), so even the sign-in form carries one.
     *
     * @throws OciException TOOMANYREQUESTS when Basic credentials come from a throttled address
     */
    private Visit visit(UiCall call) {
        String cookie = call.cookie(UiCall.COOKIE);
        Optional<Sessions.Session> found = ctx.sessions().find(cookie);
        if (found.isPresent() && !ctx.open() && !ctx.verifier().stillValid(found.get().principal())) {
            ctx.sessions().remove(found.get().id());
            found = Optional.empty();
        }
        if (found.isPresent()) {
            return new Visit(found.get(), new Viewer(found.get().principal(), ctx.policy(), ctx.deleteEnabled()), false,
                    ctx.csrf().tokenFor(cookie));
        }
        if (!ctx.open()) {
            Optional<Principal> basic = basic(call);
            if (basic.isPresent()) {
                return new Visit(null, new Viewer(basic.get(), ctx.policy(), ctx.deleteEnabled()), true, "");
            }
        }
        boolean browserPage = !call.path.startsWith("/ui/api/") && !call.path.startsWith("/api/");
        if (cookie == null && browserPage) {
            cookie = ctx.csrf().newBrowserId();
            call.setSessionCookie(cookie, ctx.sessions().lifetime());
        }
        return new Visit(null, ctx.open() ? Viewer.open(ctx.deleteEnabled()) : null, false, ctx.csrf().tokenFor(cookie));
    }

    /** The caller of an Authorization: Basic header; empty without one or when refused (failure counted, audited). */
    private Optional<Principal> basic(UiCall call) {
        String header = call.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String user = null;
        String password = null;
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon >= 0) {
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
        } catch (IllegalArgumentException e) {
            // not base64: a failed login like a wrong password
        }
        return switch (ctx.logins().check(user, password, RemoteAddress.of(call.request), "ui")) {
            case CredentialCheck.Outcome.Accepted a -> Optional.of(a.principal());
            case CredentialCheck.Outcome.Refused r -> Optional.empty();
            case CredentialCheck.Outcome.Throttled t -> throw ErrorCode.TOOMANYREQUESTS.exception(
                    "too many failed logins from this address; retry later", Map.of("retryAfterSeconds", t.seconds()))
                    .withHeaders(Map.of("Retry-After", String.valueOf(t.seconds())));
        };
    }

    /** The token from the {@code X-CSRF-Token} header or the {@code csrf} form field belongs to this browser's cookie. */
    private boolean csrfOk(UiCall call) {
        String sent = call.header("X-CSRF-Token");
        if (sent == null) {
            sent = call.form("csrf");
        }
        return ctx.csrf().matches(call.cookie(UiCall.COOKIE), sent);
    }

    private void fail(UiCall call, Visit visit, int status, String message) {
        if (call.path.startsWith("/ui/api/") || call.path.startsWith("/api/")) {
            call.jsonError(status, switch (status) {
                case 404 -> "NOT_FOUND";
                case 403 -> "DENIED";
                case 405 -> "UNSUPPORTED";
                case 429 -> "TOOMANYREQUESTS";
                default -> "ERROR";
            }, message);
        } else {
            pages.error(call, visit, status, message);
        }
    }
}
