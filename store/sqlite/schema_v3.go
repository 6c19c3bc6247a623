package sqlite

// schemaV3 adds identity: one-time tokens (kept by the hash of their secret), requests to claim imported
// profiles, and on accounts the time their email was verified and their staff role for their member.
const schemaV3 = `
ALTER TABLE accounts ADD COLUMN member_role TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN email_verified_at INTEGER;

CREATE TABLE one_time_tokens (
	id         TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	account_id TEXT NOT NULL,
	member_id  TEXT NOT NULL,
	email      TEXT NOT NULL,
	role       TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at    INTEGER
) STRICT;
CREATE INDEX one_time_tokens_expiry ON one_time_tokens (expires_at);

CREATE TABLE claim_requests (
	id         TEXT PRIMARY KEY,
	member_id  TEXT NOT NULL,
	account_id TEXT NOT NULL,
	message    TEXT NOT NULL,
	status     TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	decided_at INTEGER,
	decided_by TEXT NOT NULL
) STRICT;
CREATE INDEX claim_requests_status ON claim_requests (status, created_at DESC, id);
CREATE INDEX claim_requests_recent ON claim_requests (created_at DESC, id);
`
