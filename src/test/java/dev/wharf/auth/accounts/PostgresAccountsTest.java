package dev.wharf.auth.accounts;

import dev.wharf.meta.JdbcMetadataStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The accounts contract on PostgreSQL: one embedded server per class, a fresh schema per test. */
class PostgresAccountsTest extends AccountsContract {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected JdbcMetadataStore open() throws Exception {
        String schema = "a" + SCHEMAS.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return JdbcMetadataStore.open(postgres.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema,
                "postgres", null);
    }
}
