package dev.wharf.meta;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@link UploadLocks} shared by every node on one PostgreSQL database: a transaction-scoped advisory lock keyed by
 * the upload id, held in an open transaction for as long as the caller holds the lock. PostgreSQL releases it when
 * the transaction ends, also when the node holding it dies (its connection closes), so a crash never leaves an
 * upload locked.
 *
 * <p>Why not {@code SELECT … FOR UPDATE} on the upload's row: the holder itself updates and deletes that row
 * (the append's {@code touchUpload}, the completion) through the store's other pooled connections, which would wait
 * for the lock their own request holds. An advisory lock excludes only other holders.
 *
 * <p>A held lock occupies one connection of a pool of its own ({@link #POOL_SIZE}), so appends in flight can never
 * take every connection the metadata store needs to finish them; past that many concurrent upload requests per node,
 * further ones wait for a connection (Hikari's 30 s timeout, then an error).
 */
final class PostgresUploadLocks implements UploadLocks {
    static final int POOL_SIZE = 32;
    /** The first key of Wharf's upload locks, so other advisory locks on the same database cannot collide. */
    private static final int UPLOAD_LOCK_SPACE = 0x57485550; // "WHUP"

    private final HikariDataSource pool;

    PostgresUploadLocks(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public Held hold(String uploadId) {
        Connection c = null;
        try {
            c = pool.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                s.setInt(1, UPLOAD_LOCK_SPACE);
                s.setInt(2, uploadId.hashCode());
                s.execute();
            }
        } catch (SQLException e) {
            release(c);
            throw new MetadataException("cannot lock upload " + uploadId + ": " + e.getMessage(), e);
        }
        Connection held = c;
        return () -> release(held);
    }

    /** Ends the transaction (releasing the lock; it wrote nothing) and returns the connection. */
    private static void release(Connection c) {
        if (c == null) {
            return;
        }
        try (c) {
            c.rollback();
        } catch (SQLException e) {
            // closing the connection ends the session, and the lock with it
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
