package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.events.EventJson;

import java.sql.SQLException;
import java.util.List;

/**
 * The read side of the outbox for consumers that keep their own tables in this database (through
 * {@link SqlAccess}): inside one write transaction a consumer takes the events after its cursor, stores what it
 * makes of them and advances the cursor, so a crash anywhere repeats or loses nothing. Events are taken in
 * (transaction, id) order and only from transactions older than every running one (PostgreSQL), so one that
 * commits late is never passed over.
 */
public final class EventOutbox {
    private EventOutbox() {
    }

    /** An event with its place in the outbox. */
    public record Stored(long txid, long id, Event event) {
    }

    /**
     * Up to {@code limit} events after {@code consumer}'s cursor, locking the cursor until commit so two nodes
     * never take the same events. Call before any other write of the transaction.
     */
    public static List<Stored> next(SqlAccess.Session session, String consumer, int limit) throws SQLException {
        Tx tx = session.tx();
        tx.update("INSERT INTO event_cursors (consumer, txid, id) VALUES (?, 0, 0) ON CONFLICT (consumer) DO NOTHING",
                consumer);
        long[] cursor = tx.one("SELECT txid, id FROM event_cursors WHERE consumer = ?" + tx.dialect().forUpdate(),
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, consumer).orElseThrow();
        return tx.list("SELECT txid, id, body FROM event_outbox WHERE (txid > ? OR (txid = ? AND id > ?))"
                        + tx.dialect().settledTransactions() + " ORDER BY txid, id LIMIT ?",
                rs -> new Stored(rs.getLong(1), rs.getLong(2), EventJson.read(rs.getString(3))),
                cursor[0], cursor[0], cursor[1], limit);
    }

    /**
     * Moves {@code consumer}'s cursor past {@code last}, in the transaction that consumed it, and drops the events
     * every consumer has passed (a consumer added later starts from the events still kept).
     */
    public static void advance(SqlAccess.Session session, String consumer, Stored last) throws SQLException {
        Tx tx = session.tx();
        tx.update("UPDATE event_cursors SET txid = ?, id = ? WHERE consumer = ?", last.txid(), last.id(), consumer);
        long[] slowest = tx.one("SELECT txid, id FROM event_cursors ORDER BY txid, id LIMIT 1",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}).orElseThrow();
        tx.update("DELETE FROM event_outbox WHERE txid < ? OR (txid = ? AND id <= ?)",
                slowest[0], slowest[0], slowest[1]);
    }
}
