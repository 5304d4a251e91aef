package dev.wharf.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted in memory per client address. The first {@code freeFailures} failures within
 * {@code window} cost nothing; each further one doubles the wait (1s, 2s, 4s … up to {@code maxWait}). A success
 * clears the address. At most {@code capacity} addresses are tracked; the least recently seen are forgotten first.
 */
public final class MemoryLoginAttempts implements LoginAttempts {
    private final Clock clock;
    private final int freeFailures;
    private final Duration window;
    private final Duration maxWait;
    private final Map<String, Failures> entries;

    private static final class Failures {
        int failures;
        Instant firstFailure;
        Instant blockedUntil = Instant.MIN;
    }

    public MemoryLoginAttempts(Clock clock, int freeFailures, Duration window, Duration maxWait, int capacity) {
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.window = window;
        this.maxWait = maxWait;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Five free failures per 5 minutes, waits up to 5 minutes, 10,000 addresses. */
    public static MemoryLoginAttempts standard() {
        return new MemoryLoginAttempts(Clock.systemUTC(), 5, Duration.ofMinutes(5), Duration.ofMinutes(5), 10_000);
    }

    @Override
    public synchronized Optional<Duration> blocked(String address) {
        Failures e = entries.get(address);
        if (e == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return now.isBefore(e.blockedUntil) ? Optional.of(Duration.between(now, e.blockedUntil)) : Optional.empty();
    }

    @Override
    public synchronized void failed(String address) {
        Instant now = clock.instant();
        Failures e = entries.computeIfAbsent(address, a -> new Failures());
        if (e.firstFailure == null || (now.isAfter(e.firstFailure.plus(window)) && !now.isBefore(e.blockedUntil))) {
            e.failures = 0;
            e.firstFailure = now;
        }
        e.failures++;
        int over = e.failures - freeFailures;
        if (over > 0) {
            long seconds = over >= 31 ? Long.MAX_VALUE : 1L << (over - 1);
            Duration wait = seconds >= maxWait.toSeconds() ? maxWait : Duration.ofSeconds(seconds);
            e.blockedUntil = now.plus(wait);
            // the window restarts at every penalty, so a slow guesser stays throttled
            e.firstFailure = now;
        }
    }

    @Override
    public synchronized void succeeded(String address) {
        entries.remove(address);
    }

    /** Addresses currently tracked (for tests of the memory bound). */
    public synchronized int tracked() {
        return entries.size();
    }
}
