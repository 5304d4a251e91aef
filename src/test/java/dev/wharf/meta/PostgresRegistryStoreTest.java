package dev.wharf.meta;

import dev.wharf.testing.TestPostgres;

/** The registry store contract on PostgreSQL: the shared embedded server, a fresh schema per test. */
class PostgresRegistryStoreTest extends RegistryStoreContract {

    @Override
    protected String newDatabaseUrl() throws Exception {
        return TestPostgres.shared().newSchemaUrl("reg");
    }

    @Override
    protected String user() {
        return TestPostgres.USER;
    }
}
