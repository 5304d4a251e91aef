package dev.wharf.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Registry usage on embedded SQLite. */
class SqliteUsageTest extends UsageContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    protected String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("usage" + DATABASES.incrementAndGet() + ".db");
    }
}
