package dev.wharf.auth.accounts;

import dev.wharf.meta.JdbcMetadataStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The accounts contract on embedded SQLite. */
class SqliteAccountsTest extends AccountsContract {
    @TempDir
    Path dir;

    @Override
    protected JdbcMetadataStore open() {
        return JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("wharf.db"), null, null);
    }
}
