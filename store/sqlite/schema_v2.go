package sqlite

// schemaV2 adds engagement: interests and proposals, the in-app inbox, notification preferences, the outbox of
// email and durable jobs. Lists of values (reasons, sectors) are JSON; an empty unsubscribe token is NULL.
const schemaV2 = `
CREATE TABLE interests (
	id           TEXT PRIMARY KEY,
	challenge_id TEXT NOT NULL,
	member_id    TEXT NOT NULL,
	account_id   TEXT NOT NULL,
	kind         TEXT NOT NULL,
	message      TEXT NOT NULL,
	status       TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	version      INTEGER NOT NULL,
	UNIQUE (challenge_id, member_id)
) STRICT;
CREATE INDEX interests_challenge ON interests (challenge_id, created_at DESC, id);
CREATE INDEX interests_member ON interests (member_id, created_at DESC, id);

-- seq numbers the notifications in commit order: the writer holds the database's write lock from BEGIN to
-- COMMIT, so a reader that saw seq n never sees a smaller one appear later.
CREATE TABLE notifications (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	id           TEXT NOT NULL UNIQUE,
	account_id   TEXT NOT NULL,
	key          TEXT NOT NULL UNIQUE,
	type         TEXT NOT NULL,
	challenge_id TEXT NOT NULL,
	member_id    TEXT NOT NULL,
	title        TEXT NOT NULL,
	score        INTEGER NOT NULL,
	reasons      TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	read_at      INTEGER
) STRICT;
CREATE INDEX notifications_account ON notifications (account_id, seq);
CREATE INDEX notifications_account_created ON notifications (account_id, created_at, seq);
CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;

CREATE TABLE preferences (
	account_id        TEXT PRIMARY KEY,
	in_app            INTEGER NOT NULL,
	email             TEXT NOT NULL,
	min_score         INTEGER NOT NULL,
	sectors           TEXT NOT NULL,
	language          TEXT NOT NULL,
	unsubscribe_token TEXT UNIQUE,
	last_digest_at    INTEGER NOT NULL,
	version           INTEGER NOT NULL
) STRICT;
CREATE INDEX preferences_digest ON preferences (email, last_digest_at);

CREATE TABLE outbox (
	id              TEXT PRIMARY KEY,
	key             TEXT NOT NULL UNIQUE,
	account_id      TEXT NOT NULL,
	recipient       TEXT NOT NULL,
	subject         TEXT NOT NULL,
	text            TEXT NOT NULL,
	html            TEXT NOT NULL,
	message_id      TEXT NOT NULL,
	unsubscribe     TEXT NOT NULL,
	attempts        INTEGER NOT NULL,
	next_attempt_at INTEGER NOT NULL,
	lease_until     INTEGER NOT NULL,
	last_error      TEXT NOT NULL,
	created_at      INTEGER NOT NULL,
	sent_at         INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at, created_at) WHERE sent_at IS NULL;

-- A job is due when its lease ended: FailJob sets lease_until to the time of the retry.
CREATE TABLE jobs (
	id          TEXT PRIMARY KEY,
	kind        TEXT NOT NULL,
	subject_id  TEXT NOT NULL,
	attempts    INTEGER NOT NULL,
	lease_until INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	done_at     INTEGER,
	last_error  TEXT NOT NULL
) STRICT;
CREATE INDEX jobs_due ON jobs (created_at) WHERE done_at IS NULL;
`
