package dev.wharf.http.ui;

/**
 * Who is behind one UI request. {@code session} is null unless signed in with the UI's form; {@code viewer} is null
 * when the server needs a sign-in and the caller has none. {@code basic} is true when the caller authenticated with
 * an Authorization header, which a browser never adds on its own, so such requests need no CSRF token. {@code csrf}
 * is the token pages carry for this browser (empty when it has no cookie).
 */
record Visit(Sessions.Session session, Viewer viewer, boolean basic, String csrf) {

    boolean signedIn() {
        return session != null;
    }
}
