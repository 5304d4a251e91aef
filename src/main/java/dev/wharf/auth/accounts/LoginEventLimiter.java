package dev.wharf.auth.accounts;

import dev.wharf.auth.AuditLog.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps login events from flooding the audit table. A successful {@code login} is recorded once per actor and
 * address every {@link #LOGIN_EVERY} (clients send credentials with every request). {@code login_failed} is recorded
 * at most {@link #FAILURES_PER_ADDRESS} times a minute per address and {@link #FAILURES_TOTAL} times a minute in all;
 * the next recorded failure from an address says how many were skipped. Memory is bounded: windows are forgotten
 * when they end, and at most {@link #MAX_KEYS} are kept.
 */
final class LoginEventLimiter {
    static final Duration LOGIN_EVERY = Duration.ofMinutes(10);
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int FAILURES_PER_ADDRESS = 5;
    static final int FAILURES_TOTAL = 100;
    private static final int MAX_KEYS = 10_000;

    private static final class Window {
        Instant start;
        int recorded;
        int skipped;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final Map<String, Instant> lastLogin = new HashMap<>();
    private final Map<String, Window> failures = new HashMap<>();
    private Window total;

    /** The event to record (perhaps annotated), or null to skip it. Other actions pass unchanged. */
    synchronized Event admit(Event e) {
        return switch (e.action()) {
            case "login" -> login(e);
            case "login_failed" -> failure(e);
            default -> e;
        };
    }

    private Event login(Event e) {
        String key = e.actor() + "\u0000" + e.address();
        Instant last = lastLogin.get(key);
        if (last != null && e.at().isBefore(last.plus(LOGIN_EVERY))) {
            return null;
        }
        if (lastLogin.size() >= MAX_KEYS) {
            lastLogin.values().removeIf(t -> !e.at().isBefore(t.plus(LOGIN_EVERY)));
            if (lastLogin.size() >= MAX_KEYS) {
                lastLogin.clear();
            }
        }
        lastLogin.put(key, e.at());
        return e;
    }

    private Event failure(Event e) {
        if (total == null || expired(total, e.at())) {
            total = new Window(e.at());
        }
        String address = String.valueOf(e.address());
        Window w = failures.get(address);
        int carried = 0;
        if (w == null || expired(w, e.at())) {
            carried = w == null ? 0 : w.skipped;
            if (failures.size() >= MAX_KEYS) {
                failures.values().removeIf(x -> expired(x, e.at()));
            }
            w = new Window(e.at());
            if (failures.size() < MAX_KEYS) {
                failures.put(address, w);
            }
        }
        if (w.recorded >= FAILURES_PER_ADDRESS || total.recorded >= FAILURES_TOTAL) {
            w.skipped++;
            return null;
        }
        w.recorded++;
        total.recorded++;
        if (carried == 0) {
            return e;
        }
        String note = carried + " earlier failed logins from this address were not recorded";
        return new Event(e.at(), e.actor(), e.action(), e.target(), e.address(),
                e.detail() == null ? note : e.detail() + "; " + note);
    }

    private static boolean expired(Window w, Instant now) {
        return !now.isBefore(w.start.plus(WINDOW));
    }
}
