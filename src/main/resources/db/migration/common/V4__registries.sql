-- Wharf metadata schema, version 4: registries (tenants), their usage counters and monthly egress.
-- A repository belongs to the registry named by its first path component; repositories are not changed here.
-- Append-only: never edit this file after it has landed.

-- One named registry. The enforcement limits are copied from its tier when it is created or its tier changes,
-- so the store can check them in the transaction that links a blob: NULL means "no limit".
CREATE TABLE registries (
    id                             ${id_pk},
    name                           ${key} NOT NULL,
    owner                          TEXT   NOT NULL,
    region                         TEXT   NOT NULL,
    tier                           TEXT   NOT NULL,
    storage_quota_bytes            BIGINT,           -- operator's quota replacing the tier's included storage
    storage_limit_bytes            BIGINT,           -- hard cap on storage_usage_bytes (tiers without overage)
    repository_limit               BIGINT,           -- most repositories with content
    bandwidth_limit_bytes          BIGINT,           -- monthly egress after which pulls are refused
    gc_enabled                     INTEGER NOT NULL,
    storage_usage_bytes            BIGINT NOT NULL,
    storage_usage_bytes_updated_at BIGINT NOT NULL,
    created_at                     BIGINT NOT NULL,
    subscription_created_at        BIGINT NOT NULL,
    subscription_updated_at        BIGINT NOT NULL,
    CONSTRAINT registries_name_key UNIQUE (name)
);
CREATE INDEX registries_owner_idx ON registries (owner);

-- Each blob counts once per registry: links is how many repositories of the registry link it.
CREATE TABLE registry_blobs (
    registry_id BIGINT NOT NULL REFERENCES registries (id),
    digest      ${key} NOT NULL,
    links       BIGINT NOT NULL,
    PRIMARY KEY (registry_id, digest)
);

-- Bytes of the blobs linked into one repository of a registry (each blob once per repository).
CREATE TABLE repository_usage (
    repository_id BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (id),
    bytes         BIGINT NOT NULL
);

-- Bytes served by blob and manifest GETs, per registry and calendar month (UTC, 'YYYY-MM').
CREATE TABLE registry_egress (
    registry_id BIGINT NOT NULL REFERENCES registries (id),
    month       TEXT   NOT NULL,
    bytes       BIGINT NOT NULL,
    PRIMARY KEY (registry_id, month)
);
