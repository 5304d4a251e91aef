package dev.wharf.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place a presented secret is checked, whatever the surface (data plane, token service, management API,
 * web UI): a throttled address is refused before its secret is looked at, a wrong secret counts against the address
 * in the one {@link LoginAttempts}, and logins and failed logins go to the audit log with the address and the
 * surface, never the secret. Surfaces turn the {@link Outcome} into their own answer.
 */
public final class CredentialCheck {
    private final CredentialVerifier verifier;
    private final LoginAttempts attempts;
    private final AuditLog audit;
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

    public CredentialCheck(CredentialVerifier verifier, LoginAttempts attempts, AuditLog audit, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier);
        this.attempts = Objects.requireNonNull(attempts);
        this.audit = audit == null ? AuditLog.NONE : audit;
        this.clock = Objects.requireNonNull(clock);
    }

    public CredentialCheck(CredentialVerifier verifier, LoginAttempts attempts, AuditLog audit) {
        this(verifier, attempts, audit, Clock.systemUTC());
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
            record(username == null ? "" : username, "login_failed", surface, address, null);
            return new Outcome.Refused();
        }
        attempts.succeeded(address);
        record(p.get().name(), "login", surface, address, p.get().tokenId());
        return new Outcome.Accepted(p.get());
    }

    private void record(String actor, String action, String surface, String address, String detail) {
        audit.record(new AuditLog.Event(clock.instant(), actor, action, surface, address, detail));
    }
}
