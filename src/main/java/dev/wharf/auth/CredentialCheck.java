package dev.wharf.auth;

import dev.wharf.events.Event;
import dev.wharf.events.EventSink;
import dev.wharf.events.Origin;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place a presented secret is checked, whatever the surface (data plane, token service, management API,
 * web UI): a throttled address is refused before its secret is looked at, a wrong secret counts against the address
 * in the one {@link LoginAttempts}, and logins and failed logins are events (to the audit log, first) with the
 * address and the surface, never the secret. Surfaces turn the {@link Outcome} into their own answer.
 */
public final class CredentialCheck {
    private final CredentialVerifier verifier;
    private final LoginAttempts attempts;
    private final EventSink events;
    private final Clock clock;

    /** What a check decided. */
    public sealed interface Outcome {
        /** The secret is good. */
        record Accepted(Principal principal) implements Outcome {
        }

        /** Wrong, malformed or revoked: answer 401. */
        record Refused() implements Outcome {
        }

        /** The address failed too often: answer 429 with {@code Retry-After}. */
        record Throttled(Duration retryAfter) implements Outcome {
            /** Whole seconds to wait, at least one. */
            public long seconds() {
                return Math.max(1, retryAfter.toSeconds());
            }
        }
    }

    public CredentialCheck(CredentialVerifier verifier, LoginAttempts attempts, EventSink events, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier);
        this.attempts = Objects.requireNonNull(attempts);
        this.events = events == null ? EventSink.NONE : events;
        this.clock = Objects.requireNonNull(clock);
    }

    public CredentialCheck(CredentialVerifier verifier, LoginAttempts attempts, EventSink events) {
        this(verifier, attempts, events, Clock.systemUTC());
    }

    /** Whose secrets these are (for checks that are not logins, such as whether a session may go on). */
    public CredentialVerifier verifier() {
        return verifier;
    }

    /**
     * Checks {@code secret} for {@code username} (null or empty for a bare token; null secret: a malformed header)
     * from {@code address}; {@code surface} names where it was presented ({@code v2}, {@code token}, {@code api},
     * {@code ui}) in the audit log.
     */
    public Outcome check(String username, String secret, String address, String surface) {
        Optional<Duration> wait = attempts.blocked(address);
        if (wait.isPresent()) {
            return new Outcome.Throttled(wait.get());
        }
        Optional<Principal> p = secret == null || secret.isEmpty() ? Optional.empty()
                : verifier.verify(username == null ? "" : username, secret).filter(x -> !x.isAnonymous());
        if (p.isEmpty()) {
            attempts.failed(address);
            events.emit(new Event.LoginFailed(clock.instant(), new Origin(username, address), surface));
            return new Outcome.Refused();
        }
        attempts.succeeded(address);
        events.emit(new Event.LoggedIn(clock.instant(), new Origin(p.get().name(), address, p.get().tokenId()),
                surface));
        return new Outcome.Accepted(p.get());
    }
}
