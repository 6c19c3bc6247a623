package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/hanoi-innovation/innonet/models"
)

// Load writes a batch of dumped records in one transaction, as they were: ids, versions, times, change and
// notification sequence numbers. The store should be empty: a record whose id is taken fails the batch.
func (s *Store) Load(ctx context.Context, batch []models.Record) (err error) {
	defer models.Wrap(&err, "sqlite.Load(%d records)", len(batch))
	return s.write(ctx, func(t *txn) error {
		for _, r := range batch {
			if err := s.loadRecord(t, r); err != nil {
				return fmt.Errorf("%s: %w", r.Kind, err)
			}
		}
		return nil
	})
}

func (s *Store) loadRecord(t *txn, r models.Record) error {
	switch r.Kind {
	case models.RecordAccount:
		a := r.Account
		_, err := t.exec("INSERT INTO accounts ("+accountColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			a.ID, models.NormalizeEmail(a.Email), a.Name, a.PasswordHash, string(a.Role), a.MemberID, ms(a.CreatedAt),
			msPtr(a.LastLoginAt), ms(a.PasswordChangedAt), a.FailedLogins, a.Version, string(a.MemberRole), msPtr(a.EmailVerifiedAt))
		return err
	case models.RecordMember:
		row, err := memberRow(r.Member)
		if err != nil {
			return err
		}
		return t.loadDoc(&s.members, row, r.Member.Version, r.Seq)
	case models.RecordChallenge:
		row, err := challengeRow(r.Challenge)
		if err != nil {
			return err
		}
		return t.loadDoc(&s.challenges, row, r.Challenge.Version, r.Seq)
	case models.RecordTombstone:
		return t.loadChange(r.Tombstone.Type, r.Tombstone.ID, true, r.Seq)
	case models.RecordRefreshToken:
		rt := r.RefreshToken
		_, err := t.exec("INSERT INTO refresh_tokens (id, account_id, family_id, hash, created_at, expires_at, used_at, revoked_at) "+
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rt.ID, rt.AccountID, rt.FamilyID, rt.Hash, ms(rt.CreatedAt), ms(rt.ExpiresAt),
			msPtr(rt.UsedAt), msPtr(rt.RevokedAt))
		return err
	case models.RecordOneTimeToken:
		ot := r.OneTimeToken
		_, err := t.exec("INSERT INTO one_time_tokens ("+oneTimeColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			ot.ID, string(ot.Kind), ot.Hash, ot.AccountID, ot.MemberID, ot.Email, string(ot.Role), ot.CreatedBy,
			ms(ot.CreatedAt), ms(ot.ExpiresAt), msPtr(ot.UsedAt))
		return err
	case models.RecordClaimRequest:
		c := r.ClaimRequest
		_, err := t.exec("INSERT INTO claim_requests ("+claimColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			c.ID, c.MemberID, c.AccountID, c.Message, string(c.Status), ms(c.CreatedAt), msPtr(c.DecidedAt), c.DecidedBy)
		return err
	case models.RecordConsent:
		c := r.Consent
		_, err := t.exec("INSERT INTO consents (id, account_id, policy_version, given_at, source) VALUES (?, ?, ?, ?, ?)",
			c.ID, c.AccountID, c.PolicyVersion, ms(c.GivenAt), string(c.Source))
		return err
	case models.RecordInterest:
		i := r.Interest
		_, err := t.exec("INSERT INTO interests ("+interestColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			i.ID, i.ChallengeID, i.MemberID, i.AccountID, string(i.Kind), i.Message, string(i.Status),
			ms(i.CreatedAt), ms(i.UpdatedAt), i.Version)
		return err
	case models.RecordQuestion:
		q := r.Question
		_, err := t.exec("INSERT INTO questions ("+questionColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			q.ID, q.ChallengeID, q.AskerAccountID, q.Text, q.Answer, q.AnsweredBy, ms(q.CreatedAt), msPtr(q.AnsweredAt), q.Version)
		return err
	case models.RecordAttachment:
		a := r.Attachment
		_, err := t.exec("INSERT INTO attachments ("+attachmentColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			a.ID, a.ChallengeID, a.Name, a.ContentType, a.Size, a.SHA256, a.UploadedBy, ms(a.CreatedAt))
		return err
	case models.RecordNotification:
		return t.loadNotification(r.Notification)
	case models.RecordPreferences:
		return t.loadPreferences(r.Preferences)
	case models.RecordMail:
		m := r.Mail
		_, err := t.exec("INSERT INTO outbox ("+mailColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			m.ID, m.Key, m.AccountID, m.To, m.Subject, m.Text, m.HTML, m.MessageID, m.Unsubscribe, m.Attempts,
			ms(m.NextAttemptAt), ms(m.LeaseUntil), m.LastError, ms(m.CreatedAt), msPtr(m.SentAt))
		return err
	case models.RecordJob:
		j := r.Job
		_, err := t.exec("INSERT INTO jobs ("+jobColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", j.ID, string(j.Kind),
			j.SubjectID, j.Attempts, ms(j.LeaseUntil), ms(j.CreatedAt), msPtr(j.DoneAt), j.LastError)
		return err
	case models.RecordAudit:
		return t.loadAudit(r.Audit)
	case models.RecordSequence:
		return t.loadSequence(r.Sequence)
	}
	return fmt.Errorf("this store does not know records of kind %q", r.Kind)
}

// loadDoc writes a member or a challenge at its version, with its sectors and its change at seq.
func (t *txn) loadDoc(d *docTable, r row, version, seq int64) error {
	if _, err := t.exec(d.load, append(append([]any{r.id}, r.cols...), r.doc, version)...); err != nil {
		return err
	}
	for _, sector := range r.sectors {
		if _, err := t.exec(d.addSector, sector, r.id); err != nil {
			return err
		}
	}
	return t.loadChange(d.entity, r.id, false, seq)
}

// loadChange records the latest change of an entity at seq, or at the next number when seq is 0.
func (t *txn) loadChange(entity models.EntityType, id string, deleted bool, seq int64) error {
	if seq == 0 {
		return t.changed(entity, id, deleted)
	}
	_, err := t.exec("INSERT INTO changes (seq, entity, entity_id, deleted) VALUES (?, ?, ?, ?)", seq, string(entity), id, deleted)
	return err
}

func (t *txn) loadNotification(n *models.Notification) error {
	reasons, err := reasonsJSON(n.Reasons)
	if err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO notifications ("+notificationColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		n.Seq, n.ID, n.AccountID, n.Key, string(n.Type), n.ChallengeID, n.MemberID, n.Title, n.Score, reasons,
		ms(n.CreatedAt), msPtr(n.ReadAt))
	return err
}

func (t *txn) loadPreferences(p *models.Preferences) error {
	sectors, err := json.Marshal(p.Sectors)
	if err != nil {
		return err
	}
	token := sql.NullString{String: p.UnsubscribeToken, Valid: p.UnsubscribeToken != ""}
	_, err = t.exec("INSERT INTO preferences ("+preferencesColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		p.AccountID, p.InApp, string(p.Email), p.MinScore, string(sectors), p.Language, token, ms(p.LastDigestAt), p.Version)
	return err
}

func (t *txn) loadAudit(e *models.AuditEntry) error {
	details, err := json.Marshal(e.Details)
	if err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO audit_log ("+auditColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.Seq, e.ID, ms(e.At),
		e.Actor, string(e.Action), string(e.TargetType), e.TargetID, string(details), e.RequestID)
	return err
}

// loadSequence raises the counter of an AUTOINCREMENT table to at least s.Last, so that no number given out
// by the source is given out again.
func (t *txn) loadSequence(s *models.Sequence) error {
	table := ""
	for tb, name := range sequenceNames() {
		if name == s.Name {
			table = tb
		}
	}
	if table == "" {
		return fmt.Errorf("unknown sequence %q", s.Name)
	}
	n, err := t.exec("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", s.Last, table)
	if err != nil || n > 0 {
		return err
	}
	_, err = t.exec("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", table, s.Last)
	return err
}
