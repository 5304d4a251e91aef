package dev.wharf.auth.accounts;

import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The accounts contract on PostgreSQL: one embedded server per class, a fresh schema per test. */
class PostgresAccountsTest extends AccountsContract {
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
    protected JdbcMetadataStore open() throws Exception {
        return JdbcMetadataStore.open(postgres.newSchemaUrl("a"), TestPostgres.USER, null);
    }
}
