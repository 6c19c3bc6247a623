package sqlite

// schemaV4 adds the admin audit log (append-only: the store has no statement that changes or deletes a row)
// and the consent records of the privacy policy. Details are a JSON object.
const schemaV4 = `
CREATE TABLE audit_log (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	id          TEXT NOT NULL UNIQUE,
	at          INTEGER NOT NULL,
	actor       TEXT NOT NULL,
	action      TEXT NOT NULL,
	target_type TEXT NOT NULL,
	target_id   TEXT NOT NULL,
	details     TEXT NOT NULL,
	request_id  TEXT NOT NULL
) STRICT;
CREATE INDEX audit_actor ON audit_log (actor, seq);
CREATE INDEX audit_action ON audit_log (action, seq);
CREATE INDEX audit_target ON audit_log (target_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE consents (
	id             TEXT PRIMARY KEY,
	account_id     TEXT NOT NULL,
	policy_version TEXT NOT NULL,
	given_at       INTEGER NOT NULL,
	source         TEXT NOT NULL
) STRICT;
CREATE INDEX consents_account ON consents (account_id, given_at, id);
`
