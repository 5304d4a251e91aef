package dev.wharf.http.ui;

import dev.wharf.auth.Principal;
import dev.wharf.http.auth.RemoteAddress;

import java.time.Duration;
import java.util.Optional;

/** Signing in with a Wharf account and signing out. A successful sign-in always starts a new session. */
final class LoginFlow {
    private final UiContext ctx;
    private final UiPages pages;

    LoginFlow(UiContext ctx, UiPages pages) {
        this.ctx = ctx;
        this.pages = pages;
    }

    void form(UiCall call, Visit visit) {
        if (ctx.open() || (visit.session() != null && visit.session().signedIn())) {
            call.redirect(safeNext(call.query("next")));
            return;
        }
        pages.login(call, visit, 200, null, safeNext(call.query("next")), "");
    }

    void signIn(UiCall call, Visit visit) {
        String next = safeNext(call.form("next"));
        if (ctx.open()) {
            call.redirect(next);
            return;
        }
        String username = orEmpty(call.form("username"));
        String address = RemoteAddress.of(call.request);
        Optional<Duration> wait = ctx.attempts().blocked(address);
        if (wait.isPresent()) {
            pages.login(call, visit, 429, "Too many failed sign-ins from your address. Try again in "
                    + Math.max(1, wait.get().toSeconds()) + " seconds.", next, username);
            return;
        }
        Optional<Principal> principal = username.isEmpty() ? Optional.empty()
                : ctx.verifier().verify(username, orEmpty(call.form("password")));
        if (principal.isEmpty() || principal.get().isAnonymous()) {
            ctx.attempts().failed(address);
            ctx.audit(username, "login_failed", "ui", address, null);
            pages.login(call, visit, 401, "Wrong username or password.", next, username);
            return;
        }
        ctx.attempts().succeeded(address);
        ctx.audit(principal.get().name(), "login", "ui", address, null);
        if (visit.session() != null) {
            ctx.sessions().remove(visit.session().id());
        }
        Sessions.Session session = ctx.sessions().create(principal.get());
        call.setSessionCookie(session.id(), ctx.sessions().lifetime());
        call.redirect(next);
    }

    void signOut(UiCall call, Visit visit) {
        if (visit.session() != null) {
            ctx.sessions().remove(visit.session().id());
        }
        call.clearSessionCookie();
        call.redirect(ctx.open() ? "/ui/" : "/ui/login");
    }

    /** Only local UI paths: never another host ({@code //evil}) or scheme. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/ui/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/ui/login")) {
            return "/ui/";
        }
        return next;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
