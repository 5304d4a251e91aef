-- Garbage collection runs, retention policies and maintenance windows. Append-only, like V1.
-- Registries are referred to by name (the first component of repository names), not by a foreign key.

-- One row per run. registry_key is the registry, or '' for a run over the whole instance (registry NULL), so the
-- partial unique index below lets the database itself refuse a second active run for the same scope: two nodes
-- sharing PostgreSQL cannot both start one. heartbeat_at is refreshed by the node executing the run; a running
-- run whose heartbeat is older than the lease belonged to a node that died and is marked failed.
CREATE TABLE gc_runs (
    uuid              ${key}  NOT NULL PRIMARY KEY,
    registry          ${key},
    registry_key      ${key}  NOT NULL,
    type              TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('requested', 'running', 'succeeded', 'failed', 'cancelled')),
    dry_run           INTEGER NOT NULL,
    owner             TEXT,
    detail            TEXT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    heartbeat_at      BIGINT  NOT NULL,
    blobs_deleted     BIGINT  NOT NULL,
    manifests_deleted BIGINT  NOT NULL,
    tags_deleted      BIGINT  NOT NULL,
    freed_bytes       BIGINT  NOT NULL
);
CREATE UNIQUE INDEX gc_runs_one_active_idx ON gc_runs (registry_key) WHERE status IN ('requested', 'running');
CREATE INDEX gc_runs_registry_idx ON gc_runs (registry_key, created_at);

-- Retention and immutability for the repositories of a registry whose rest of the name matches a glob.
-- Tag lists are comma-separated globs. NULL means "not set".
CREATE TABLE gc_policies (
    registry        ${key}  NOT NULL,
    repositories    ${key}  NOT NULL,
    keep_last       INTEGER,
    keep_tags       TEXT,
    older_than_days INTEGER,
    protected_tags  TEXT,
    immutable_tags  TEXT,
    updated_at      BIGINT  NOT NULL,
    PRIMARY KEY (registry, repositories)
);

-- Scheduled garbage collection of a registry ('' = the whole instance): one run per cron window at most.
-- last_window is the start (epoch ms) of the latest window a run was started for.
CREATE TABLE gc_schedules (
    registry    ${key}  NOT NULL PRIMARY KEY,
    enabled     INTEGER NOT NULL,
    cron        TEXT    NOT NULL,
    time_zone   TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    last_window BIGINT,
    last_run    ${key},
    updated_at  BIGINT  NOT NULL
);
