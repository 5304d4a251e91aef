package dev.wharf.meta;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Transactions on the metadata database for stores that keep their own tables outside this package (accounts,
 * tokens, audit). Each call is one transaction with the store's own guarantees: retried on busy or serialisation
 * failures (so the work must have no side effects outside the database), rolled back on any exception, database
 * failures as {@link MetadataException}. Parameters bind as in the store: {@code String}, {@code Long},
 * {@code Integer}, {@code byte[]} and {@code null}.
 */
public final class SqlAccess {

    /** Work done inside one transaction; it may run more than once. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Database db;

    SqlAccess(Database db) {
        this.db = db;
    }

    public <T> T write(Work<T> work) {
        return db.write(tx -> work.run(new Session(tx)));
    }

    public <T> T read(Work<T> work) {
        return db.read(tx -> work.run(new Session(tx)));
    }

    /**
     * Runs {@code listener} after every write that recorded domain events in the outbox has committed, in the
     * writer's thread (a consumer delivers them from {@link EventOutbox}; failures are logged, never thrown).
     */
    public void onEventsCommitted(Runnable listener) {
        db.onEventsCommitted(listener);
    }

    /** True on PostgreSQL, false on SQLite (for the rare statement that must differ). */
    public boolean postgres() {
        return db.dialect() == Dialect.POSTGRESQL;
    }

    /** One open transaction. */
    public static final class Session {
        private final Tx tx;

        private Session(Tx tx) {
            this.tx = tx;
        }

        Tx tx() {
            return tx;
        }

        /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
        public int update(String sql, Object... args) throws SQLException {
            return tx.update(sql, args);
        }

        public <T> List<T> list(String sql, Row<T> row, Object... args) throws SQLException {
            return tx.list(sql, row::map, args);
        }

        public <T> Optional<T> one(String sql, Row<T> row, Object... args) throws SQLException {
            return tx.one(sql, row::map, args);
        }

        public boolean exists(String sql, Object... args) throws SQLException {
            return tx.exists(sql, args);
        }
    }
}
