package dev.wharf.meta;

import dev.wharf.testing.TestPostgres;


/** Registry usage on PostgreSQL: the shared embedded server, a fresh schema per test. */
class PostgresUsageTest extends UsageContract {

    @Override
    protected String newDatabaseUrl() throws Exception {
        return TestPostgres.shared().newSchemaUrl("u");
    }

    @Override
    protected String user() {
        return "postgres";
    }
}
