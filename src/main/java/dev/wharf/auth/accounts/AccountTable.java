package dev.wharf.auth.accounts;

import dev.wharf.meta.SqlAccess.Session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for {@code accounts}. */
final class AccountTable {
    private static final String COLUMNS = "name, kind, instance_admin, enabled, description, created_at, secret_hash,"
            + " access_stamp";

    /** An account row with its stored secret hash, which never leaves this package, and its access stamp. */
    record Stored(Account account, String secretHash, long accessStamp) {
        @Override
        public String toString() {
            return account.toString();
        }
    }

    private AccountTable() {
    }

    /** Inserts; false when the name is taken. */
    static boolean insert(Session s, Account a, String secretHash) throws SQLException {
        long at = a.createdAt().toEpochMilli();
        return s.update("INSERT INTO accounts (name, kind, secret_hash, instance_admin, enabled, description,"
                        + " created_at, updated_at, access_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                a.name(), a.kind().column(), secretHash, a.instanceAdmin() ? 1 : 0, a.enabled() ? 1 : 0,
                a.description(), at, at, AccessStamps.next()) == 1;
    }

    static Optional<Stored> find(Session s, String name) throws SQLException {
        return s.one("SELECT " + COLUMNS + " FROM accounts WHERE name = ?", AccountTable::map, name);
    }

    static List<Account> list(Session s, Account.Kind kind) throws SQLException {
        return s.list("SELECT " + COLUMNS + " FROM accounts WHERE kind = ? ORDER BY name",
                rs -> map(rs).account(), kind.column());
    }

    static boolean setSecret(Session s, String name, String secretHash, Instant now) throws SQLException {
        return s.update("UPDATE accounts SET secret_hash = ?, updated_at = ?, access_stamp = ? WHERE name = ?",
                secretHash, now.toEpochMilli(), AccessStamps.next(), name) == 1;
    }

    static boolean delete(Session s, String name) throws SQLException {
        return s.update("DELETE FROM accounts WHERE name = ?", name) == 1;
    }

    static boolean anyInstanceAdmin(Session s) throws SQLException {
        return s.exists("SELECT 1 FROM accounts WHERE instance_admin = 1 AND enabled = 1");
    }

    private static Stored map(ResultSet rs) throws SQLException {
        return new Stored(new Account(rs.getString(1), Account.Kind.ofColumn(rs.getString(2)), rs.getInt(3) == 1,
                rs.getInt(4) == 1, rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), rs.getString(7), rs.getLong(8));
    }
}
