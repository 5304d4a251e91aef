package dev.wharf.http.ui;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.Principal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two accounts for UI tests, standing in for Wharf's account store: {@code admin} may do everything,
 * {@code reader} may pull from {@code team/…} only and manage nothing. Accounts can be disabled mid-test.
 */
final class TestAccounts implements CredentialVerifier, AccessPolicy {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String READER = "reader";
    static final String READER_PASSWORD = "reader-secret-1";

    private final Map<String, String> passwords = new ConcurrentHashMap<>(Map.of(
            ADMIN, ADMIN_PASSWORD, READER, READER_PASSWORD));

    void disable(String name) {
        passwords.remove(name);
    }

    void enable(String name, String password) {
        passwords.put(name, password);
    }

    @Override
    public Optional<Principal> verify(String username, String secret) {
        String expected = passwords.get(username);
        return expected != null && expected.equals(secret)
                ? Optional.of(new Principal(username, Principal.Kind.USER, null))
                : Optional.empty();
    }

    @Override
    public boolean stillValid(Principal principal) {
        return passwords.containsKey(principal.name());
    }

    @Override
    public Set<Action> allowed(Principal principal, String repository, Set<Action> requested) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (Action a : requested) {
            if (ADMIN.equals(principal.name())
                    || (READER.equals(principal.name()) && a == Action.PULL && repository.startsWith("team/"))) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public boolean mayListCatalog(Principal principal) {
        return ADMIN.equals(principal.name());
    }

    @Override
    public boolean mayManage(Principal principal, String registry, ApiScope scope) {
        return ADMIN.equals(principal.name());
    }
}
