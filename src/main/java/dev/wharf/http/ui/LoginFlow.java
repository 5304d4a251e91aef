package dev.wharf.http.ui;

import dev.wharf.auth.CredentialCheck;
import dev.wharf.http.auth.RemoteAddress;

/** Signing in with a Wharf account and signing out. A successful sign-in always starts a new session. */
final class LoginFlow {
    private final UiContext ctx;
    private final UiPages pages;

    LoginFlow(UiContext ctx, UiPages pages) {
        this.ctx = ctx;
        this.pages = pages;
    }

    void form(UiCall call, Visit visit) {
        if (ctx.open() || visit.signedIn()) {
            call.redirect(safeNext(call.query("next")));
            return;
        }
        pages.login(call, visit, 200, null, safeNext(call.query("next")), "");
    }

    /** Checks the password through the server's one {@link CredentialCheck} (throttled, audited). */
    void signIn(UiCall call, Visit visit) {
        String next = safeNext(call.form("next"));
        if (ctx.open()) {
            call.redirect(next);
            return;
        }
        String username = orEmpty(call.form("username"));
        String password = username.isEmpty() ? null : orEmpty(call.form("password"));
        switch (ctx.logins().check(username, password, RemoteAddress.of(call.request), "ui")) {
            case CredentialCheck.Outcome.Throttled t -> {
                call.response.getHeaders().put("Retry-After", String.valueOf(t.seconds()));
                pages.login(call, visit, 429, "Too many failed sign-ins from your address. Try again in "
                        + t.seconds() + " seconds.", next, username);
            }
            case CredentialCheck.Outcome.Refused r ->
                    pages.login(call, visit, 401, "Wrong username or password.", next, username);
            case CredentialCheck.Outcome.Accepted a -> {
                if (visit.session() != null) {
                    ctx.sessions().remove(visit.session().id());
                }
                Sessions.Session session = ctx.sessions().create(a.principal());
                call.setSessionCookie(session.id(), ctx.sessions().lifetime());
                call.redirect(next);
            }
        }
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
