package dev.wharf.meta;

import dev.wharf.testing.TestPostgres;

/** The GC store contract on PostgreSQL: the shared embedded server, a fresh schema per test. */
class PostgresGcStoreTest extends GcStoreContract {

    @Override
    protected String newDatabaseUrl() throws Exception {
        return TestPostgres.shared().newSchemaUrl("gc");
    }

    @Override
    protected String user() {
        return TestPostgres.USER;
    }
}
