package dev.wharf.http.auth;

import dev.wharf.auth.Action;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.server.Request;

import java.util.Set;

/**
 * Turns a request's credentials into a {@link Caller} and says how to challenge a caller who must authenticate.
 * One implementation per auth mode: none, HTTP Basic (htpasswd and Wharf accounts), Bearer (Docker token auth).
 */
public interface Authenticator {

    /**
     * The caller behind {@code request}: anonymous when it presents no credentials.
     *
     * @throws OciException UNAUTHORIZED (with a challenge) when credentials are present but invalid,
     *                      TOOMANYREQUESTS when the address is throttled after failed logins
     */
    Caller authenticate(Request request);

    /**
     * The 401 to answer when {@code caller} lacks access: carries the {@code WWW-Authenticate} challenge naming
     * exactly what the request needs ({@code repository} null for {@code /v2/} itself, catalog for {@code _catalog}).
     */
    OciException challenge(String repository, Set<Action> actions, boolean catalog);

    /**
     * The same challenge for {@code request}: a Bearer challenge's default realm is this server's own token
     * endpoint as the client addressed it, and a token rejected by {@link #authenticate} is named invalid.
     */
    default OciException challenge(Request request, String repository, Set<Action> actions, boolean catalog) {
        return challenge(repository, actions, catalog);
    }

    /** True when the registry is open (no auth configured): every caller may do everything. */
    default boolean open() {
        return false;
    }
}
