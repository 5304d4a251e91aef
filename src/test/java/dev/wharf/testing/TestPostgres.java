package dev.wharf.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway embedded PostgreSQL server for one test class, with a fresh schema per test (selected with
 * {@code currentSchema}, which also proves the store works outside {@code public}). A schema costs a few
 * milliseconds where {@code CREATE DATABASE} costs a checkpoint. fsync is off: PostgreSQL's own durability is not
 * under test.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final AtomicInteger schemas = new AtomicInteger();

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestPostgres start() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE wharf");
        } catch (SQLException e) {
            pg.close();
            throw e;
        }
        return new TestPostgres(pg);
    }

    /** A JDBC URL on a new, empty schema named {@code prefix<n>}. */
    public String newSchemaUrl(String prefix) throws SQLException {
        String schema = prefix + schemas.incrementAndGet();
        try (Connection c = postgres.getDatabase(USER, "wharf").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return postgres.getJdbcUrl(USER, "wharf") + "&currentSchema=" + schema;
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
