package dev.wharf.meta;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The connection pools of one metadata database, its {@link Dialect}, its migrations and the transaction helpers
 * every store method goes through.
 *
 * <p><b>SQLite</b> allows one writer at a time. Writes go through a pool of exactly one connection and start with
 * {@code BEGIN IMMEDIATE}, so they queue in Java (bounded by the pool's 30 s connection timeout) instead of failing
 * with {@code SQLITE_BUSY}; {@code busy_timeout} covers another process (e.g. the CLI) holding the lock. Reads use a
 * separate pool of {@code query_only} connections; in WAL mode they never block the writer nor wait for it.
 * Durability: {@code journal_mode=WAL} with {@code synchronous=FULL}, so every commit is fsynced before it is
 * acknowledged (concurrent writes share a commit, see {@link GroupCommit}) and survives kill -9 and power loss ({@code NORMAL} would only survive a process crash).
 * Because of the two pools an in-memory database ({@code :memory:}) is not supported; use a file.
 *
 * <p><b>PostgreSQL</b> uses one pool for both. Writes run READ COMMITTED and take row locks where a check must
 * hold until commit ({@link Dialect#forShare()}); reads run REPEATABLE READ, READ ONLY so the statements of one
 * read see one snapshot.
 *
 * <p><b>Migrations</b> are Flyway 12.4.0 ({@code classpath:db/migration/common}; the few type differences are
 * placeholders from {@link Dialect}, so one file serves both engines). Flyway was kept because it handles both
 * engines as deployed here: flyway-core recognises SQLite 3.53 (sqlite-jdbc 3.53.4.0) with no warning and applies
 * V1 in about 10 ms; flyway-database-postgresql serialises concurrent migrators on PostgreSQL with an advisory lock,
 * so nodes may start together ({@code PostgresMetadataStoreTest.nodesStartingTogether_migrateOnce}: four stores
 * opened at once, one applied migration). SQLite migrates through the same configured data source before the pools
 * open. Migration files are append-only: never edit one that has landed, add the next version.
 *
 * <p>Deadlocks and serialisation failures (PostgreSQL) and busy/locked errors (SQLite) are retried a few times;
 * every other {@link SQLException} becomes a {@link MetadataException}. Unchecked exceptions thrown by the work
 * (such as {@code OciException}) roll back and propagate unchanged.
 */
final class Database implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);

    /** Work done inside one transaction. It may run more than once (retries): no side effects outside the database. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 5;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    private static final int SQLITE_READERS = 4;
    private static final int POSTGRES_POOL_SIZE = 10;

    private final Dialect dialect;
    private final HikariDataSource writer;
    private final HikariDataSource reader;
    private final GroupCommit groupCommit;
    private final java.util.List<Runnable> eventListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Database(Dialect dialect, HikariDataSource writer, HikariDataSource reader) {
        this.dialect = dialect;
        this.writer = writer;
        this.reader = reader;
        this.groupCommit = new GroupCommit(work -> run(writer, false, work));
    }

    /** Opens the pools and migrates the schema to the latest version. */
    static Database open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        return switch (dialect) {
            case SQLITE -> openSqlite(jdbcUrl);
            case POSTGRESQL -> openPostgres(jdbcUrl, user, password);
        };
    }

    private static Database openSqlite(String jdbcUrl) {
        if (jdbcUrl.contains(":memory:") || jdbcUrl.contains("mode=memory")) {
            throw new IllegalArgumentException("in-memory SQLite is not supported for metadata; use a file");
        }
        SQLiteDataSource unpooled = new SQLiteDataSource(sqliteConfig());
        unpooled.setUrl(jdbcUrl);
        migrate(Dialect.SQLITE, unpooled);

        HikariConfig w = new HikariConfig();
        w.setPoolName("wharf-meta-sqlite-writer");
        w.setDataSource(unpooled);
        w.setMaximumPoolSize(1);
        w.setMinimumIdle(1);
        HikariConfig r = new HikariConfig();
        r.setPoolName("wharf-meta-sqlite-reader");
        r.setDataSource(unpooled);
        r.setMaximumPoolSize(SQLITE_READERS);
        r.setMinimumIdle(1);
        r.setConnectionInitSql("PRAGMA query_only = ON");
        HikariDataSource writer = pool(w);
        try {
            return new Database(Dialect.SQLITE, writer, pool(r));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static SQLiteConfig sqliteConfig() {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.enforceForeignKeys(true);
        c.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        return c;
    }

    private static Database openPostgres(String jdbcUrl, String user, String password) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("wharf-meta-postgres");
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        c.setMinimumIdle(1);
        HikariDataSource pool = pool(c);
        try {
            migrate(Dialect.POSTGRESQL, pool);
            return new Database(Dialect.POSTGRESQL, pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Locks for upload sessions: shared by every node on PostgreSQL (on a pool of their own, see
     * {@link PostgresUploadLocks}), in this process on SQLite, which one node serves.
     */
    UploadLocks newUploadLocks() {
        if (dialect == Dialect.SQLITE) {
            return UploadLocks.inProcess();
        }
        HikariConfig c = new HikariConfig();
        c.setPoolName("wharf-upload-locks");
        c.setJdbcUrl(writer.getJdbcUrl());
        c.setUsername(writer.getUsername());
        c.setPassword(writer.getPassword());
        c.setMaximumPoolSize(PostgresUploadLocks.POOL_SIZE);
        c.setMinimumIdle(0);
        return new PostgresUploadLocks(pool(c));
    }

    private static HikariDataSource pool(HikariConfig config) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) { // HikariPool.PoolInitializationException: database unreachable
            throw new MetadataException("cannot connect to the metadata database", e);
        }
    }

    private static void migrate(Dialect dialect, javax.sql.DataSource dataSource) {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common")
                    .placeholders(dialect.placeholders())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new MetadataException("metadata schema migration failed", e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in a write transaction and commits it. On SQLite, writes that arrive together share one
     * transaction and its commit ({@link GroupCommit}): one fsync for many, each write still all-or-nothing.
     */
    <T> T write(Work<T> work) {
        int[] recorded = {0};
        Work<T> counted = tx -> { // per work, so a shared group commit tells only the writers that recorded events
            int before = tx.events();
            T result = work.run(tx);
            recorded[0] = tx.events() - before;
            return result;
        };
        T result = dialect == Dialect.SQLITE ? groupCommit.write(counted) : run(writer, false, counted);
        if (recorded[0] > 0) {
            eventsCommitted();
        }
        return result;
    }

    /** Runs {@code listener} after each write that recorded outbox events has committed, in the writer's thread. */
    void onEventsCommitted(Runnable listener) {
        eventListeners.add(listener);
    }

    private void eventsCommitted() {
        for (Runnable listener : eventListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) { // the write is committed and its events kept: a later pass delivers them
                log.warn("delivering committed events failed; they stay in the outbox", e);
            }
        }
    }

    /** Runs {@code work} in a read-only transaction (one consistent snapshot on SQLite). */
    <T> T read(Work<T> work) {
        return run(reader, true, work);
    }

    private <T> T run(HikariDataSource pool, boolean readOnly, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(pool, readOnly, work);
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !retryable(e)) {
                    throw new MetadataException("metadata database error: " + e.getMessage(), e);
                }
                backOff(attempt);
            }
        }
    }

    private <T> T once(HikariDataSource pool, boolean readOnly, Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            begin(c, readOnly);
            T result;
            try {
                result = work.run(new Tx(c, dialect));
                commit(c);
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(pool, c, e);
                throw e;
            }
            return result;
        }
    }

    private void begin(Connection c, boolean readOnly) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            execute(c, readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
        } else {
            c.setAutoCommit(false);
            if (readOnly) {
                // one snapshot for the few statements of a read (e.g. a manifest and its references)
                execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
        }
    }

    private void commit(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            execute(c, "COMMIT");
        } else {
            c.commit();
        }
    }

    private void rollbackQuietly(HikariDataSource pool, Connection c, Throwable cause) {
        try {
            if (dialect == Dialect.SQLITE) {
                execute(c, "ROLLBACK");
            } else {
                c.rollback();
            }
        } catch (SQLException e) {
            // e.g. SQLite already rolled back by itself: the connection's state is unknown, let the pool replace it
            cause.addSuppressed(e);
            pool.evictConnection(c);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private boolean retryable(SQLException e) {
        if (dialect == Dialect.POSTGRESQL) {
            String state = e.getSQLState();
            return "40001".equals(state) || "40P01".equals(state);
        }
        return isBusy(e);
    }

    /** SQLite's busy or locked: worth retrying the transaction. */
    static boolean isBusy(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new MetadataException("interrupted while retrying a metadata transaction", ie);
        }
    }

    /** Answers when the database is reachable (for readiness). */
    void check() {
        read(tx -> tx.one("SELECT 1", rs -> rs.getInt(1)).orElseThrow());
    }

    @Override
    public void close() {
        try {
            if (reader != writer) {
                reader.close();
            }
        } finally {
            writer.close();
        }
    }
}
