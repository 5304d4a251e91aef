-- One-time repairs that have completed on this database (dev.wharf.gc.LostBytesRepair), so each runs only once
-- however large the store and however often Wharf starts.
CREATE TABLE repairs (
    name    ${key} NOT NULL PRIMARY KEY,
    done_at BIGINT NOT NULL
);
