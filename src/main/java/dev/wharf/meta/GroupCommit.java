package dev.wharf.meta;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit for a database with one writer (SQLite): write transactions that arrive while another is committing
 * are run together in the next transaction, one savepoint each, and share its COMMIT, so N concurrent pushes cost
 * one fsync instead of N. Each write still succeeds or fails on its own: a failing one is rolled back to its
 * savepoint and gets its own exception; the others commit. Nothing is acknowledged before the shared commit.
 *
 * <p>Leader/follower: a caller queues its work, then whoever holds the lock runs everything queued; callers whose
 * work was included return with its outcome, the others take the next turn. Works are run in arrival order, as if
 * one after the other, and may run again when the whole batch is retried (as {@link Database.Work} allows).
 */
final class GroupCommit {
    private static final int MAX_BATCH = 64;

    private static final class Pending<T> {
        final Database.Work<T> work;
        T value;
        RuntimeException failure;
        volatile boolean done;

        Pending(Database.Work<T> work) {
            this.work = work;
        }

        void run(Tx tx, String savepoint) throws SQLException {
            value = null;
            failure = null;
            tx.update("SAVEPOINT " + savepoint);
            try {
                value = work.run(tx);
            } catch (RuntimeException e) {
                failure = e;
            } catch (SQLException e) {
                if (Database.isBusy(e)) {
                    throw e; // the whole batch is retried
                }
                failure = new MetadataException("metadata database error: " + e.getMessage(), e);
            }
            if (failure != null) {
                tx.update("ROLLBACK TO " + savepoint);
            }
            tx.update("RELEASE " + savepoint);
        }
    }

    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();
    /** Runs one write transaction, with the database's retries; the work is {@link #runAll}. */
    private final Function<Database.Work<Void>, Void> transaction;

    GroupCommit(Function<Database.Work<Void>, Void> transaction) {
        this.transaction = transaction;
    }

    <T> T write(Database.Work<T> work) {
        Pending<T> mine = new Pending<>(work);
        queue.add(mine);
        while (!mine.done) {
            turn.lock();
            try {
                if (!mine.done) {
                    runBatch();
                }
            } finally {
                turn.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.value;
    }

    private void runBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        try {
            transaction.apply(tx -> {
                runAll(tx, batch);
                return null;
            });
        } catch (RuntimeException e) { // the commit (or a retried batch) failed: no work of it is stored
            batch.forEach(p -> p.failure = e);
        } catch (Error e) {
            batch.forEach(p -> p.failure = new MetadataException("metadata write failed", e));
            throw e;
        } finally {
            batch.forEach(p -> p.done = true);
        }
    }

    private static void runAll(Tx tx, List<Pending<?>> batch) throws SQLException {
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).run(tx, "w" + i);
        }
    }
}
