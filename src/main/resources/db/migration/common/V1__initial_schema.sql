-- Wharf metadata schema, version 1. Append-only: never edit this file after it has landed; add V2__… instead.
--
-- One file serves SQLite and PostgreSQL. The few type differences are Flyway placeholders filled in by
-- dev.wharf.meta.Dialect:
--   ${id_pk}   surrogate key      SQLite: INTEGER PRIMARY KEY (rowid alias)   PostgreSQL: BIGINT identity
--   ${bytes}   raw bytes          SQLite: BLOB                                PostgreSQL: BYTEA
--   ${key}     sortable key text  SQLite: TEXT (BINARY = byte order)          PostgreSQL: TEXT COLLATE "C"
-- ${key} makes ORDER BY / keyset pagination byte-lexical on both engines.
-- All timestamps are epoch milliseconds (BIGINT).

CREATE TABLE repositories (
    id         ${id_pk},
    name       ${key} NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT repositories_name_key UNIQUE (name)
);

-- A committed blob, stored once whatever number of repositories link it. Rows are removed only by GC.
CREATE TABLE blobs (
    digest     ${key}  NOT NULL PRIMARY KEY,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE repository_blobs (
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    digest        ${key}  NOT NULL REFERENCES blobs (digest),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
-- GC: is this blob linked into any repository?
CREATE INDEX repository_blobs_digest_idx ON repository_blobs (digest);

CREATE TABLE manifests (
    id             ${id_pk},
    repository_id  BIGINT  NOT NULL REFERENCES repositories (id),
    digest         ${key}  NOT NULL,
    media_type     TEXT    NOT NULL,
    payload        ${bytes} NOT NULL,
    size           BIGINT  NOT NULL,
    artifact_type  TEXT,
    subject_digest ${key},
    config_digest  ${key},
    annotations    TEXT, -- JSON object of string values; NULL when there are none
    created_at     BIGINT  NOT NULL,
    CONSTRAINT manifests_repository_digest_key UNIQUE (repository_id, digest)
);
-- Referrers API: manifests of a repository whose subject is a given digest.
CREATE INDEX manifests_subject_idx ON manifests (repository_id, subject_digest) WHERE subject_digest IS NOT NULL;

-- What a manifest references, in payload order (ordinal), so the record round-trips exactly.
-- repository_id is denormalised from manifests so GC and deletes can ask "who in this repository references D?"
-- from one index.
CREATE TABLE manifest_references (
    manifest_id   BIGINT  NOT NULL REFERENCES manifests (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('blob', 'manifest')),
    ordinal       INTEGER NOT NULL,
    repository_id BIGINT  NOT NULL,
    ref_digest    ${key}  NOT NULL,
    PRIMARY KEY (manifest_id, kind, ordinal)
);
CREATE INDEX manifest_references_ref_idx ON manifest_references (ref_digest, repository_id);

CREATE TABLE tags (
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    name          ${key} NOT NULL,
    manifest_id   BIGINT NOT NULL REFERENCES manifests (id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, name)
);
-- Deleting a manifest removes the tags pointing at it.
CREATE INDEX tags_manifest_idx ON tags (manifest_id);

-- Upload sessions keep the repository by name, not by id: starting (or cancelling) an upload does not create
-- a repository, so a repository that only ever had abandoned uploads never shows up in the catalog.
CREATE TABLE uploads (
    id         ${key}  NOT NULL PRIMARY KEY,
    repository ${key}  NOT NULL,
    size       BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX uploads_updated_at_idx ON uploads (updated_at);
