-- The transactional outbox: every write that has a domain event (dev.wharf.events.Event) inserts it here in the
-- write's own transaction, so an acknowledged change always has its event and a rolled-back one never does.
-- txid is the writing transaction's id on PostgreSQL (0 on SQLite, whose single writer commits in id order):
-- consumers read in (txid, id) order only below the oldest running transaction, so an event whose transaction
-- commits late is never skipped. ${serial_pk} never reuses the id of a delivered (deleted) row.
CREATE TABLE event_outbox (
    id    ${serial_pk},
    txid  BIGINT NOT NULL,
    at    BIGINT NOT NULL,
    type  TEXT   NOT NULL,
    body  TEXT   NOT NULL
);
CREATE INDEX event_outbox_order_idx ON event_outbox (txid, id);

-- How far each consumer (the audit log first; notifications and webhooks later) has taken the outbox. A consumer
-- that writes to this database advances its cursor in the transaction that stores what it made of the events,
-- so it sees each event exactly once.
CREATE TABLE event_cursors (
    consumer ${key}  NOT NULL PRIMARY KEY,
    txid     BIGINT NOT NULL,
    id       BIGINT NOT NULL
);
