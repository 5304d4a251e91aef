package dev.wharf.meta;

import dev.wharf.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** Registry usage on PostgreSQL: one embedded server, a fresh schema per test. */
class PostgresUsageTest extends UsageContract {
    private static TestPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected String newDatabaseUrl() throws Exception {
        return postgres.newSchemaUrl("u");
    }

    @Override
    protected String user() {
        return "postgres";
    }
}
