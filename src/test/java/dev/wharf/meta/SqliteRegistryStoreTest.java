package dev.wharf.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The registry store contract on SQLite, one database file per test. */
class SqliteRegistryStoreTest extends RegistryStoreContract {
    @TempDir
    Path dir;

    @Override
    protected String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("registries.db");
    }
}
