package dev.wharf.http.auth;

import dev.wharf.auth.Action;
import dev.wharf.auth.Principal;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.server.Request;

import java.util.Set;

/** No authentication configured: registry:2's default, everyone may do everything. */
public final class OpenAuthenticator implements Authenticator {
    private static final Caller EVERYONE = new Caller() {
        @Override
        public Principal principal() {
            return Principal.ANONYMOUS;
        }

        @Override
        public Set<Action> allowed(String repository, Set<Action> requested) {
            return requested;
        }

        @Override
        public boolean mayListCatalog() {
            return true;
        }
    };

    @Override
    public Caller authenticate(Request request) {
        return EVERYONE;
    }

    @Override
    public OciException challenge(String repository, Set<Action> actions, boolean catalog) {
        throw new IllegalStateException("an open registry never challenges");
    }

    @Override
    public boolean open() {
        return true;
    }
}
