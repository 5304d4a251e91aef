package dev.wharf.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open transaction: the only way the per-aggregate stores talk to the database. Parameters are bound in order;
 * supported types are {@code String}, {@code Long}, {@code Integer}, {@code byte[]} and {@code null} (bound as text).
 */
final class Tx {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A typed SQL NULL for a BIGINT column (a plain null binds as text, which PostgreSQL refuses there). */
    enum NullBigint { INSTANCE }

    /** {@code value}, or a BIGINT-typed NULL. */
    static Object bigint(Long value) {
        return value == null ? NullBigint.INSTANCE : value;
    }

    private final Connection connection;
    private final Dialect dialect;
    /** Outbox rows written so far (see {@link Outbox}); the database tells its listeners after commit. */
    private int events;

    Tx(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    void eventsRecorded() {
        events++;
    }

    int events() {
        return events;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    /** The first row's mapping, if any. */
    <T> Optional<T> one(String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    boolean exists(String sql, Object... args) throws SQLException {
        return one(sql, rs -> Boolean.TRUE, args).isPresent();
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case null -> ps.setNull(index, Types.VARCHAR);
            case NullBigint n -> ps.setNull(index, Types.BIGINT);
            case String s -> ps.setString(index, s);
            case Long l -> ps.setLong(index, l);
            case Integer n -> ps.setInt(index, n);
            case byte[] b -> ps.setBytes(index, b);
            default -> throw new IllegalArgumentException("unsupported SQL parameter type " + value.getClass());
        }
    }
}
