package dev.wharf.auth.accounts;

import dev.wharf.meta.SqlAccess.Session;

import java.security.SecureRandom;
import java.sql.SQLException;

/**
 * SQL for {@code accounts.access_stamp}: a random value replaced whenever an account's access may shrink (a role
 * granted, changed or revoked, a password changed), and new for every account created. A JWT carries the stamp it
 * was issued under and counts only while it is current. Random rather than a counter, so an account removed and
 * created again under the same name never matches a stamp of its predecessor.
 */
final class AccessStamps {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessStamps() {
    }

    static long next() {
        return RANDOM.nextLong();
    }

    static void renew(Session s, String account) throws SQLException {
        s.update("UPDATE accounts SET access_stamp = ? WHERE name = ?", next(), account);
    }

    /** Every account with a role on {@code registry} (call before the roles go). */
    static void renewRegistry(Session s, String registry) throws SQLException {
        s.update("UPDATE accounts SET access_stamp = ? WHERE name IN"
                + " (SELECT account FROM registry_roles WHERE registry = ?)", next(), registry);
    }
}
