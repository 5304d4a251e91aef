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
 * Server-side web UI sessions keyed by 256-bit random ids. A session expires after {@code idle} without use and
 * at the latest {@code lifetime} after sign-in; each holds its own CSRF token. Signing in replaces the session
 * (a new id), so an id seen before sign-in is worthless after it. The store is bounded: when full, expired
 * sessions are dropped first, then the least recently used.
 */
final class Sessions {
    static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;

    Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    /** One visitor's session: who they are, their CSRF token, and when it ends. */
    record Session(String id, Principal principal, String csrf, Instant started, Instant lastUsed) {
        boolean signedIn() {
            return !principal.isAnonymous();
        }
    }

    /** The longest a session can live; its cookie expires then too (the idle limit is enforced here). */
    Duration lifetime() {
        return lifetime;
    }

    Session create(Principal principal) {
        trim();
        Instant now = clock.instant();
        Session s = new Session(token(), principal, token(), now, now);
        byId.put(s.id(), s);
        return s;
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
        Session touched = new Session(s.id(), s.principal(), s.csrf(), s.started(), now);
        byId.replace(id, s, touched);
        return Optional.of(touched);
    }

    void remove(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(idle)) || !now.isBefore(s.started().plus(lifetime));
    }

    private void trim() {
        if (byId.size() < MAX_SESSIONS) {
            return;
        }
        Instant now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
        while (byId.size() >= MAX_SESSIONS) {
            byId.values().stream().min(Comparator.comparing(Session::lastUsed))
                    .ifPresent(oldest -> byId.remove(oldest.id()));
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
