package dev.wharf.auth.accounts;

import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.TestPostgres;

/** The accounts contract on PostgreSQL: the shared embedded server, a fresh schema per test. */
class PostgresAccountsTest extends AccountsContract {

    @Override
    protected JdbcMetadataStore open() throws Exception {
        return JdbcMetadataStore.open(TestPostgres.shared().newSchemaUrl("a"), TestPostgres.USER, null);
    }
}
