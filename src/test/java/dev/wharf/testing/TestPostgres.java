package dev.wharf.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded PostgreSQL server of a test JVM, started on first use and stopped when the JVM exits; every
 * PostgreSQL test shares it. Isolation is a fresh schema (selected with {@code currentSchema}, which also proves
 * Wharf works outside {@code public}): a schema costs a few milliseconds where a server start costs seconds and
 * {@code CREATE DATABASE} a checkpoint. fsync is off: PostgreSQL's own durability is not under test.
 */
public final class TestPostgres {
    public static final String USER = "postgres";
    private static final String DATABASE = "wharf";

    private static TestPostgres shared;

    private final EmbeddedPostgres postgres;
    private final AtomicInteger schemas = new AtomicInteger();

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The JVM's server, started now if this is the first call. */
    public static synchronized TestPostgres shared() throws SQLException {
        if (shared == null) {
            shared = new TestPostgres(startServer());
            Thread stop = new Thread(shared::stop, "test-postgres-stop");
            Runtime.getRuntime().addShutdownHook(stop);
        }
        return shared;
    }

    private static EmbeddedPostgres startServer() throws SQLException {
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            closeQuietly(pg);
            throw e;
        }
        return pg;
    }

    /**
     * A JDBC URL on a new, empty schema named {@code prefix<n>}, {@code n} unique in the JVM. Wharf's migrations
     * create their tables there when a store or server opens it.
     */
    public String newSchemaUrl(String prefix) throws SQLException {
        String schema = prefix + schemas.incrementAndGet();
        try (Connection c = postgres.getDatabase(USER, DATABASE).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return postgres.getJdbcUrl(USER, DATABASE) + "&currentSchema=" + schema;
    }

    private void stop() {
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
        }
    }
}
