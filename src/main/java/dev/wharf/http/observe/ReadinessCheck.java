package dev.wharf.http.observe;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One named condition for {@code GET /ready}: ready when {@code check} returns anything but {@code Boolean.FALSE},
 * not ready when it throws, returns false or takes too long. Examples: the database answers {@code SELECT 1}, the
 * storage root is writable.
 */
public record ReadinessCheck(String name, Callable<?> check) {
    public ReadinessCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
    }
}
