-- Accounts, registry roles, public repositories, access tokens and the audit log. Append-only, like V1.
-- Placeholders as in V1 (${id_pk}, ${key}); booleans are INTEGER 0/1, timestamps epoch milliseconds.

-- Users (with a bcrypt password) and robot accounts (with a generated secret, stored as its SHA-256).
CREATE TABLE accounts (
    name           ${key}  NOT NULL PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('user', 'robot')),
    secret_hash    TEXT    NOT NULL,
    instance_admin INTEGER NOT NULL DEFAULT 0,
    enabled        INTEGER NOT NULL DEFAULT 1,
    description    TEXT,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

-- One role per account and registry (the first path component of a repository name).
CREATE TABLE registry_roles (
    registry   ${key} NOT NULL,
    account    ${key} NOT NULL,
    role       TEXT   NOT NULL CHECK (role IN ('admin', 'writer', 'reader')),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (registry, account)
);
CREATE INDEX registry_roles_account_idx ON registry_roles (account);

-- Anyone may pull these: a whole registry (no '/') or one repository.
CREATE TABLE public_names (
    name       ${key} NOT NULL PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- Personal access tokens ('pat') and docker credentials ('docker'). Only the SHA-256 of the secret is kept.
-- scopes: space-separated pattern:actions; api_scopes: space-separated registry:<verb>. A token whose parent is
-- revoked or expired is dead too (docker credentials issued through a token).
CREATE TABLE access_tokens (
    id          ${key} NOT NULL PRIMARY KEY,
    kind        TEXT   NOT NULL CHECK (kind IN ('pat', 'docker')),
    owner       ${key} NOT NULL,
    owner_kind  TEXT   NOT NULL,
    name        TEXT,
    secret_hash TEXT   NOT NULL,
    scopes      TEXT   NOT NULL,
    api_scopes  TEXT   NOT NULL,
    parent_id   ${key},
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT
);
CREATE INDEX access_tokens_owner_idx ON access_tokens (owner);

CREATE TABLE audit_events (
    id       ${id_pk},
    at       BIGINT NOT NULL,
    actor    TEXT   NOT NULL,
    action   TEXT   NOT NULL,
    registry ${key},
    target   TEXT,
    address  TEXT,
    detail   TEXT
);
CREATE INDEX audit_events_at_idx ON audit_events (at);
CREATE INDEX audit_events_registry_idx ON audit_events (registry, at);
