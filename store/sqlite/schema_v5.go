package sqlite

// schemaV5 adds the questions asked on challenges and the metadata of challenge attachments (their bytes are
// files in the data dir).
const schemaV5 = `
CREATE TABLE questions (
	id               TEXT PRIMARY KEY,
	challenge_id     TEXT NOT NULL,
	asker_account_id TEXT NOT NULL,
	text             TEXT NOT NULL,
	answer           TEXT NOT NULL,
	answered_by      TEXT NOT NULL,
	created_at       INTEGER NOT NULL,
	answered_at      INTEGER,
	version          INTEGER NOT NULL
) STRICT;
CREATE INDEX questions_challenge ON questions (challenge_id, created_at, id);
CREATE INDEX questions_asker ON questions (challenge_id, asker_account_id);

CREATE TABLE attachments (
	id           TEXT PRIMARY KEY,
	challenge_id TEXT NOT NULL,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	sha256       TEXT NOT NULL,
	uploaded_by  TEXT NOT NULL,
	created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX attachments_challenge ON attachments (challenge_id, created_at, id);
`
