package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/hanoi-innovation/innonet/models"
)

var (
	_ models.Dumper = (*Store)(nil)
	_ models.Loader = (*Store)(nil)
)

// dumpTable is how the dump covers one table of the schema: the kind of record its rows become, how to read
// them all and how to count them. Load writes each kind back in load.go.
type dumpTable struct {
	table string
	kind  models.RecordKind
	count string // a query for the number of records
	dump  func(t *txn, emit func(models.Record) error) error
}

// dumpTables lists every table of the schema, in the order of models.RecordKinds. A table added by a migration
// is added here (with its load in load.go), or TestDumpCoversEveryTable fails. Tables whose rows are part of
// another table's records are listed in derivedTables instead.
func dumpTables() []dumpTable {
	return []dumpTable{
		{"accounts", models.RecordAccount, "SELECT COUNT(*) FROM accounts", dumpAccounts},
		{"members", models.RecordMember, "SELECT COUNT(*) FROM members", dumpDocs(models.RecordMember, "members", "member")},
		{"challenges", models.RecordChallenge, "SELECT COUNT(*) FROM challenges", dumpDocs(models.RecordChallenge, "challenges", "challenge")},
		{"changes", models.RecordTombstone, "SELECT COUNT(*) FROM changes WHERE deleted = 1", dumpTombstones},
		{"refresh_tokens", models.RecordRefreshToken, "SELECT COUNT(*) FROM refresh_tokens", dumpRefreshTokens},
		{"one_time_tokens", models.RecordOneTimeToken, "SELECT COUNT(*) FROM one_time_tokens", dumpOneTimeTokens},
		{"claim_requests", models.RecordClaimRequest, "SELECT COUNT(*) FROM claim_requests", dumpClaimRequests},
		{"consents", models.RecordConsent, "SELECT COUNT(*) FROM consents", dumpConsents},
		{"interests", models.RecordInterest, "SELECT COUNT(*) FROM interests", dumpInterests},
		{"questions", models.RecordQuestion, "SELECT COUNT(*) FROM questions", dumpQuestions},
		{"attachments", models.RecordAttachment, "SELECT COUNT(*) FROM attachments", dumpAttachments},
		{"notifications", models.RecordNotification, "SELECT COUNT(*) FROM notifications", dumpNotifications},
		{"preferences", models.RecordPreferences, "SELECT COUNT(*) FROM preferences", dumpPreferences},
		{"outbox", models.RecordMail, "SELECT COUNT(*) FROM outbox", dumpMails},
		{"jobs", models.RecordJob, "SELECT COUNT(*) FROM jobs", dumpJobs},
		{"audit_log", models.RecordAudit, "SELECT COUNT(*) FROM audit_log", dumpAudit},
		{"sqlite_sequence", models.RecordSequence, "SELECT COUNT(*) FROM sqlite_sequence WHERE name IN " + sequenceTables, dumpSequences},
	}
}

// derivedTables are the tables that no record kind stands for: they are rebuilt from other records (the
// sectors of members and challenges from their documents) or belong to the schema itself.
func derivedTables() []string {
	return []string{"member_sectors", "challenge_sectors", "schema_migrations"}
}

// DumpedTables names every table the dump reads or rebuilds, for the test that checks the schema is covered.
func DumpedTables() []string {
	out := derivedTables()
	for _, d := range dumpTables() {
		out = append(out, d.table)
	}
	return out
}

// Dump emits every record of the store from one read transaction, so from one point in time, kind by kind.
func (s *Store) Dump(ctx context.Context, emit func(models.Record) error) (err error) {
	defer models.Wrap(&err, "sqlite.Dump")
	return s.read(ctx, func(t *txn) error {
		for _, d := range dumpTables() {
			if err := d.dump(t, emit); err != nil {
				return fmt.Errorf("%s: %w", d.table, err)
			}
		}
		return nil
	})
}

// CountRecords counts what Dump emits, by kind, from one read transaction.
func (s *Store) CountRecords(ctx context.Context) (_ models.RecordCounts, err error) {
	defer models.Wrap(&err, "sqlite.CountRecords")
	var out models.RecordCounts
	err = s.read(ctx, func(t *txn) error {
		out, err = countRecords(t)
		return err
	})
	return out, err
}

func countRecords(t *txn) (models.RecordCounts, error) {
	out := models.RecordCounts{}
	for _, d := range dumpTables() {
		var n int
		if err := t.row(d.count, nil, &n); err != nil {
			return nil, fmt.Errorf("%s: %w", d.table, err)
		}
		out[d.kind] += n
	}
	return out, nil
}

func dumpAccounts(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+accountColumns+" FROM accounts ORDER BY id", nil, func(rows *sql.Rows) error {
		var (
			a                   models.Account
			role                string
			created, pwChanged  int64
			lastLogin, verified sql.NullInt64
		)
		if err := rows.Scan(&a.ID, &a.Email, &a.Name, &a.PasswordHash, &role, &a.MemberID, &created, &lastLogin,
			&pwChanged, &a.FailedLogins, &a.Version, &a.MemberRole, &verified); err != nil {
			return err
		}
		a.Role, a.CreatedAt, a.LastLoginAt, a.PasswordChangedAt = models.Role(role), fromMS(created), fromMSPtr(lastLogin), fromMS(pwChanged)
		a.EmailVerifiedAt = fromMSPtr(verified)
		return emit(models.Record{Kind: models.RecordAccount, Account: &a})
	})
}

// dumpDocs emits the members or the challenges with the Seq of their latest change.
func dumpDocs(kind models.RecordKind, table, entity string) func(t *txn, emit func(models.Record) error) error {
	query := fmt.Sprintf("SELECT d.doc, d.version, COALESCE(c.seq, 0) FROM %s d "+
		"LEFT JOIN changes c ON c.entity = '%s' AND c.entity_id = d.id ORDER BY d.id", table, entity)
	return func(t *txn, emit func(models.Record) error) error {
		return t.each(query, nil, func(rows *sql.Rows) error {
			var (
				doc          []byte
				version, seq int64
			)
			if err := rows.Scan(&doc, &version, &seq); err != nil {
				return err
			}
			r := models.Record{Kind: kind, Seq: seq}
			var err error
			if kind == models.RecordMember {
				r.Member, err = decodeMember(doc, version)
			} else {
				r.Challenge, err = decodeChallenge(doc, version)
			}
			if err != nil {
				return err
			}
			return emit(r)
		})
	}
}

func dumpTombstones(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT seq, entity, entity_id FROM changes WHERE deleted = 1 ORDER BY seq", nil, func(rows *sql.Rows) error {
		var (
			seq    int64
			entity string
			id     string
		)
		if err := rows.Scan(&seq, &entity, &id); err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordTombstone, Seq: seq,
			Tombstone: &models.Tombstone{Type: models.EntityType(entity), ID: id}})
	})
}

func dumpRefreshTokens(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT id, account_id, family_id, hash, created_at, expires_at, used_at, revoked_at "+
		"FROM refresh_tokens ORDER BY id", nil, func(rows *sql.Rows) error {
		var (
			rt               models.RefreshToken
			created, expires int64
			used, revoked    sql.NullInt64
		)
		if err := rows.Scan(&rt.ID, &rt.AccountID, &rt.FamilyID, &rt.Hash, &created, &expires, &used, &revoked); err != nil {
			return err
		}
		rt.CreatedAt, rt.ExpiresAt, rt.UsedAt, rt.RevokedAt = fromMS(created), fromMS(expires), fromMSPtr(used), fromMSPtr(revoked)
		return emit(models.Record{Kind: models.RecordRefreshToken, RefreshToken: &rt})
	})
}

func dumpOneTimeTokens(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+oneTimeColumns+" FROM one_time_tokens ORDER BY id", nil, func(rows *sql.Rows) error {
		var (
			ot               models.OneTimeToken
			created, expires int64
			used             sql.NullInt64
		)
		if err := rows.Scan(&ot.ID, &ot.Kind, &ot.Hash, &ot.AccountID, &ot.MemberID, &ot.Email, &ot.Role, &ot.CreatedBy,
			&created, &expires, &used); err != nil {
			return err
		}
		ot.CreatedAt, ot.ExpiresAt, ot.UsedAt = fromMS(created), fromMS(expires), fromMSPtr(used)
		return emit(models.Record{Kind: models.RecordOneTimeToken, OneTimeToken: &ot})
	})
}

func dumpClaimRequests(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+claimColumns+" FROM claim_requests ORDER BY id", nil, func(rows *sql.Rows) error {
		var c claimRow
		if err := rows.Scan(c.dest()...); err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordClaimRequest, ClaimRequest: c.model()})
	})
}

func dumpConsents(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT id, account_id, policy_version, given_at, source FROM consents ORDER BY id", nil, func(rows *sql.Rows) error {
		var (
			c  models.Consent
			at int64
		)
		if err := rows.Scan(&c.ID, &c.AccountID, &c.PolicyVersion, &at, &c.Source); err != nil {
			return err
		}
		c.GivenAt = fromMS(at)
		return emit(models.Record{Kind: models.RecordConsent, Consent: &c})
	})
}

func dumpInterests(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+interestColumns+" FROM interests ORDER BY id", nil, func(rows *sql.Rows) error {
		var r interestRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordInterest, Interest: r.model()})
	})
}

func dumpQuestions(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+questionColumns+" FROM questions ORDER BY id", nil, func(rows *sql.Rows) error {
		var r questionRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordQuestion, Question: r.model()})
	})
}

func dumpAttachments(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+attachmentColumns+" FROM attachments ORDER BY id", nil, func(rows *sql.Rows) error {
		var r attachmentRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordAttachment, Attachment: r.model()})
	})
}

func dumpNotifications(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+notificationColumns+" FROM notifications ORDER BY seq", nil, func(rows *sql.Rows) error {
		var r notificationRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		n, err := r.model()
		if err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordNotification, Notification: n})
	})
}

func dumpPreferences(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+preferencesColumns+" FROM preferences ORDER BY account_id", nil, func(rows *sql.Rows) error {
		var r preferencesRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		p, err := r.model()
		if err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordPreferences, Preferences: p})
	})
}

func dumpMails(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+mailColumns+" FROM outbox ORDER BY id", nil, func(rows *sql.Rows) error {
		var r mailRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordMail, Mail: r.model()})
	})
}

func dumpJobs(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+jobColumns+" FROM jobs ORDER BY id", nil, func(rows *sql.Rows) error {
		var r jobRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		return emit(models.Record{Kind: models.RecordJob, Job: r.model()})
	})
}

func dumpAudit(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT "+auditColumns+" FROM audit_log ORDER BY seq", nil, func(rows *sql.Rows) error {
		var (
			e       models.AuditEntry
			at      int64
			details []byte
		)
		if err := rows.Scan(&e.Seq, &e.ID, &at, &e.Actor, &e.Action, &e.TargetType, &e.TargetID, &details, &e.RequestID); err != nil {
			return err
		}
		if err := json.Unmarshal(details, &e.Details); err != nil {
			return fmt.Errorf("details of audit entry %s: %w", e.ID, err)
		}
		e.At = fromMS(at)
		return emit(models.Record{Kind: models.RecordAudit, Audit: &e})
	})
}

// sequenceTables are the AUTOINCREMENT tables whose counters are dumped as sequences.
const sequenceTables = "('changes', 'notifications', 'audit_log')"

// sequenceNames maps the AUTOINCREMENT tables to the names models gives their sequences.
func sequenceNames() map[string]string {
	return map[string]string{
		"changes":       models.SequenceChanges,
		"notifications": models.SequenceNotifications,
		"audit_log":     models.SequenceAudit,
	}
}

// dumpSequences emits the counters of the AUTOINCREMENT tables, named as models names the sequences.
func dumpSequences(t *txn, emit func(models.Record) error) error {
	return t.each("SELECT name, seq FROM sqlite_sequence WHERE name IN "+sequenceTables+" ORDER BY name", nil,
		func(rows *sql.Rows) error {
			var s models.Sequence
			if err := rows.Scan(&s.Name, &s.Last); err != nil {
				return err
			}
			s.Name = sequenceNames()[s.Name]
			return emit(models.Record{Kind: models.RecordSequence, Sequence: &s})
		})
}

// reasonsJSON encodes the reasons of a notification as stored.
func reasonsJSON(rs []models.Reason) (string, error) {
	b, err := json.Marshal(rs)
	return string(b), err
}
