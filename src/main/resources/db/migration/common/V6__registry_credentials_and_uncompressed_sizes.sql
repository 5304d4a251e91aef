-- Wharf metadata schema, version 6. Append-only: never edit this file after it has landed.

-- Docker credentials issued for one registry (management API docker-credentials) act on its repositories only and
-- are revoked when it is deleted. NULL: not bound to a registry (personal access tokens, CLI credentials).
ALTER TABLE access_tokens ADD COLUMN registry ${key};
CREATE INDEX access_tokens_registry_idx ON access_tokens (registry);

-- The size the management API reports as a blob's uncompressed size (size_bytes), computed once from the blob's
-- own bytes: the gzip trailer (ISIZE) or the zstd frame header's content size when they are exact, else the stored
-- size. NULL: not computed yet (filled the first time a listing shows the blob).
ALTER TABLE blobs ADD COLUMN uncompressed_size BIGINT;
