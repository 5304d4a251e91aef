package dev.wharf.auth.accounts;

import java.time.Instant;

/** A user (who logs in with a password) or a robot (for CI, with a generated secret). Never carries the secret. */
public record Account(String name, Kind kind, boolean instanceAdmin, boolean enabled, String description,
                      Instant createdAt) {

    public enum Kind {
        USER, ROBOT;

        String column() {
            return this == USER ? "user" : "robot";
        }

        static Kind ofColumn(String s) {
            return s.equals("user") ? USER : ROBOT;
        }
    }
}
