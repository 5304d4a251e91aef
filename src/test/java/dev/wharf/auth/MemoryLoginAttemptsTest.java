package dev.wharf.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MemoryLoginAttemptsTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final MemoryLoginAttempts attempts =
            new MemoryLoginAttempts(clock, 5, Duration.ofMinutes(5), Duration.ofMinutes(5), 3);

    @Test
    void fiveFreeFailuresThenDoublingWaits() {
        for (int i = 0; i < 5; i++) {
            assertThat(attempts.blocked("a")).isEmpty();
            attempts.failed("a");
        }
        assertThat(attempts.blocked("a")).isEmpty();
        attempts.failed("a");
        assertThat(attempts.blocked("a")).contains(Duration.ofSeconds(1));
        now = now.plusSeconds(1);
        assertThat(attempts.blocked("a")).isEmpty();
        attempts.failed("a");
        assertThat(attempts.blocked("a")).contains(Duration.ofSeconds(2));
        now = now.plusSeconds(2);
        attempts.failed("a");
        assertThat(attempts.blocked("a")).contains(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            attempts.failed("a");
        }
        assertThat(attempts.blocked("a")).contains(Duration.ofMinutes(5));
        assertThat(attempts.blocked("b")).isEmpty();
    }

    @Test
    void successClearsAndOldFailuresExpire() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("a");
        }
        attempts.succeeded("a");
        attempts.failed("a");
        assertThat(attempts.blocked("a")).isEmpty();

        for (int i = 0; i < 4; i++) {
            attempts.failed("b");
        }
        now = now.plus(Duration.ofMinutes(6));
        attempts.failed("b");
        attempts.failed("b");
        assertThat(attempts.blocked("b")).isEmpty();
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 100; i++) {
            attempts.failed("10.0.0." + i);
        }
        assertThat(attempts.tracked()).isEqualTo(3);
    }
}
