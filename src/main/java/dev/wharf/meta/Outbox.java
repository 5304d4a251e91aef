package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.events.EventJson;

import java.sql.SQLException;

/** SQL for writing {@code event_outbox}: a write records its event in its own transaction. */
final class Outbox {
    private Outbox() {
    }

    /** Records {@code event} in {@code tx}; a null event records nothing. */
    static void add(Tx tx, Event event) throws SQLException {
        if (event == null) {
            return;
        }
        tx.update("INSERT INTO event_outbox (txid, at, type, body) VALUES (" + tx.dialect().transactionId()
                + ", ?, ?, ?)", event.at().toEpochMilli(), EventJson.type(event), EventJson.write(event));
        tx.eventsRecorded();
    }
}
