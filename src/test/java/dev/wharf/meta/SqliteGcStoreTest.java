package dev.wharf.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The GC store contract on SQLite, one database file per test. */
class SqliteGcStoreTest extends GcStoreContract {
    @TempDir
    Path dir;

    @Override
    protected String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("gc.db");
    }
}
