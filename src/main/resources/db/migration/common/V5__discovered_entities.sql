-- Inventory state of `wharf discover --state`: the entities of the last run per provider, so the next run reports
-- what was added, changed and removed. The same statement is run by dev.wharf.discovery.state.InventoryState on a
-- standalone SQLite state file, hence IF NOT EXISTS. fingerprint is the sha256 of body (the entity's JSON).
CREATE TABLE IF NOT EXISTS discovered_entities (
    provider    TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    namespace   TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    repository  TEXT   NOT NULL,
    fingerprint TEXT   NOT NULL,
    body        TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (provider, kind, namespace, name)
);
