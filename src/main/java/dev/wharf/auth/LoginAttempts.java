package dev.wharf.auth;

import java.time.Duration;
import java.util.Optional;

/** Failed-login bookkeeping per client address, so guessing passwords is throttled and honest clients are not. */
public interface LoginAttempts {

    /** How long {@code address} must wait before trying again, or empty when it may try now. */
    Optional<Duration> blocked(String address);

    void failed(String address);

    void succeeded(String address);

    /** No throttling (tests, open registries). */
    LoginAttempts NONE = new LoginAttempts() {
        @Override
        public Optional<Duration> blocked(String address) {
            return Optional.empty();
        }

        @Override
        public void failed(String address) {
        }

        @Override
        public void succeeded(String address) {
        }
    };
}
