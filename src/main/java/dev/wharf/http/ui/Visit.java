package dev.wharf.http.ui;

/**
 * Who is behind one UI request. {@code session} may be null (a script using HTTP Basic, or a first request);
 * {@code viewer} is null when the server needs a sign-in and the caller has none. {@code basic} is true when the
 * caller authenticated with an Authorization header, which a browser never adds on its own, so such requests need
 * no CSRF token.
 */
record Visit(Sessions.Session session, Viewer viewer, boolean basic) {

    String csrf() {
        return session == null ? "" : session.csrf();
    }
}
