package dev.wharf.discovery.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retry number {@code attempt} (0 = the first retry): exponential from {@link #BASE} with
 * "equal jitter" (half fixed, half random) so many clients do not retry in step, capped at {@link #CAP}. A server's
 * {@code Retry-After} wins when present, up to {@link #MAX_RETRY_AFTER}.
 */
public final class Backoff {
    static final Duration BASE = Duration.ofMillis(200);
    static final Duration CAP = Duration.ofSeconds(10);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(120);

    private final RandomGenerator random;

    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    public Duration delay(int attempt, Optional<String> retryAfter, java.time.Clock clock) {
        Optional<Duration> asked = retryAfter.flatMap(v -> parseRetryAfter(v, clock));
        if (asked.isPresent()) {
            Duration d = asked.get();
            return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        }
        long exp = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt, 20));
        long half = exp / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> parseRetryAfter(String value, java.time.Clock clock) {
        String v = value.strip();
        try {
            long s = Long.parseLong(v);
            return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
