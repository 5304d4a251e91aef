package dev.wharf.http.ui;

import dev.wharf.auth.Principal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions of signed-in web UI users, keyed by 256-bit random ids; anonymous visitors have none (their
 * CSRF tokens need no state, see {@link CsrfTokens}), so no amount of anonymous traffic can push a session out. A
 * session expires after {@code idle} without use and at the latest {@code lifetime} after sign-in. Signing in always
 * makes a new session (a new id). The store is bounded twice: each account holds at most {@link #MAX_PER_ACCOUNT}
 * sessions, its oldest going first, so an account's sign-ins only ever end its own sessions; and in all at most
 * {@link #MAX_SESSIONS}, dropping expired sessions first, then the least recently used.
 */
final class Sessions {
    static final int MAX_SESSIONS = 10_000;
    /** Sessions one account may hold (browsers, devices); signing in once more ends its oldest. */
    static final int MAX_PER_ACCOUNT = 10;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private long serial;

    Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    /** One signed-in user's session: who they are, when it ends, and {@code serial}: the order sessions began in. */
    record Session(String id, Principal principal, Instant started, Instant lastUsed, long serial) {
    }

    /** The longest a session can live; its cookie expires then too (the idle limit is enforced here). */
    Duration lifetime() {
        return lifetime;
    }

    /** A new session for a signed-in {@code principal}; sign-ins are rare, so making room may scan the store. */
    synchronized Session create(Principal principal) {
        if (principal.isAnonymous()) {
            throw new IllegalArgumentException("anonymous visitors get no session");
        }
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
        capAccount(principal, now);
        while (byId.size() >= MAX_SESSIONS) {
            byId.values().stream().min(Comparator.comparing(Session::lastUsed))
                    .ifPresent(oldest -> byId.remove(oldest.id()));
        }
        Session s = new Session(token(), principal, now, now, ++serial);
        byId.put(s.id(), s);
        return s;
    }

    /** Leaves room for one more session of the account by ending its oldest ones. */
    private void capAccount(Principal principal, Instant now) {
        var own = byId.values().stream().filter(s -> sameAccount(s.principal(), principal))
                .sorted(Comparator.comparingLong(Session::serial)).toList();
        for (int i = 0; i <= own.size() - MAX_PER_ACCOUNT; i++) {
            byId.remove(own.get(i).id());
        }
    }

    private static boolean sameAccount(Principal a, Principal b) {
        return a.kind() == b.kind() && a.name().equals(b.name());
    }

    /** The live session with this id, its idle timer restarted; empty when unknown or expired. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byId.remove(id, s);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.principal(), s.started(), now, s.serial());
        byId.replace(id, s, touched);
        return Optional.of(touched);
    }

    /** Sessions held now, live or not yet trimmed. */
    int size() {
        return byId.size();
    }

    void remove(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(idle)) || !now.isBefore(s.started().plus(lifetime));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
