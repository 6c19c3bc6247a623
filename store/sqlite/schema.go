package sqlite

// migrations returns the steps of the schema, oldest first.
func migrations() []migration {
	return []migration{
		{1, "accounts, members, challenges, refresh tokens, changes", schemaV1},
		{2, "interests, notifications, preferences, outbox, jobs", schemaV2},
		{3, "one-time tokens, claim requests, email verification, staff roles", schemaV3},
		{4, "audit log, consent records", schemaV4},
		{5, "questions on challenges, attachments", schemaV5},
	}
}

// schemaV1 is the first schema. Times are INTEGER milliseconds since the Unix epoch; documents are JSON.
const schemaV1 = `
CREATE TABLE accounts (
	id                  TEXT PRIMARY KEY,
	email               TEXT NOT NULL UNIQUE,
	name                TEXT NOT NULL,
	password_hash       TEXT NOT NULL,
	role                TEXT NOT NULL,
	member_id           TEXT NOT NULL,
	created_at          INTEGER NOT NULL,
	last_login_at       INTEGER,
	password_changed_at INTEGER NOT NULL,
	failed_logins       INTEGER NOT NULL,
	version             INTEGER NOT NULL
) STRICT;
CREATE INDEX accounts_member ON accounts (member_id);

CREATE TABLE members (
	id           TEXT PRIMARY KEY,
	kind         TEXT NOT NULL,
	status       TEXT NOT NULL,
	verification TEXT NOT NULL,
	ward         TEXT NOT NULL,
	stage        TEXT NOT NULL,
	updated_at   INTEGER NOT NULL,
	version      INTEGER NOT NULL,
	doc          TEXT NOT NULL
) STRICT;
CREATE INDEX members_recent ON members (updated_at DESC, id);
CREATE INDEX members_kind ON members (kind, updated_at DESC, id);
CREATE INDEX members_status ON members (status, updated_at DESC, id);
CREATE INDEX members_verification ON members (verification, updated_at DESC, id);
CREATE INDEX members_ward ON members (ward, updated_at DESC, id);
CREATE INDEX members_stage ON members (stage, updated_at DESC, id);

CREATE TABLE member_sectors (
	sector TEXT NOT NULL,
	id     TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	PRIMARY KEY (sector, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX member_sectors_id ON member_sectors (id);

CREATE TABLE challenges (
	id         TEXT PRIMARY KEY,
	posted_by  TEXT NOT NULL,
	status     TEXT NOT NULL,
	ward       TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	version    INTEGER NOT NULL,
	doc        TEXT NOT NULL
) STRICT;
CREATE INDEX challenges_recent ON challenges (updated_at DESC, id);
CREATE INDEX challenges_status ON challenges (status, updated_at DESC, id);
CREATE INDEX challenges_posted_by ON challenges (posted_by, updated_at DESC, id);
CREATE INDEX challenges_ward ON challenges (ward, updated_at DESC, id);

CREATE TABLE challenge_sectors (
	sector TEXT NOT NULL,
	id     TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
	PRIMARY KEY (sector, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX challenge_sectors_id ON challenge_sectors (id);

CREATE TABLE refresh_tokens (
	id         TEXT PRIMARY KEY,
	account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	family_id  TEXT NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at    INTEGER,
	revoked_at INTEGER
) STRICT;
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);

-- One row per member or challenge: its latest change. REPLACE moves the row to a new seq, and AUTOINCREMENT
-- never reuses one, so seq grows with every write even when old rows are replaced.
CREATE TABLE changes (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	deleted   INTEGER NOT NULL,
	UNIQUE (entity, entity_id)
) STRICT;
`
