package dev.wharf.meta;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** Registry usage on PostgreSQL: one embedded server, a fresh schema per test. */
class PostgresUsageTest extends UsageContract {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE wharf");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected String newDatabaseUrl() throws Exception {
        String schema = "u" + SCHEMAS.incrementAndGet();
        try (Connection c = postgres.getDatabase("postgres", "wharf").getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return postgres.getJdbcUrl("postgres", "wharf") + "&currentSchema=" + schema;
    }

    @Override
    protected String user() {
        return "postgres";
    }
}
