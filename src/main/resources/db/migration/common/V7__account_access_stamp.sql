-- An account's access stamp: a random value replaced whenever the account's roles or password change (and new for
-- every account created). Wharf's JWTs carry the stamp they were issued under and count only while it is current, so
-- `wharf user remove` and `wharf role revoke`, run by another process, end earlier tokens at their next request.
-- Rows from before this migration get 0; tokens issued before it carry no stamp and are refused (clients ask again).
ALTER TABLE accounts ADD COLUMN access_stamp BIGINT NOT NULL DEFAULT 0;
