package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// mailIDPrefix prefixes the ids the store gives to mails that have none.
const mailIDPrefix = "ml"

const mailColumns = "id, key, account_id, recipient, subject, text, html, message_id, unsubscribe, attempts, " +
	"next_attempt_at, lease_until, last_error, created_at, sent_at"

// mailRow receives a row of mailColumns.
type mailRow struct {
	m                    models.OutboxMail
	next, lease, created int64
	sent                 sql.NullInt64
}

func (r *mailRow) dest() []any {
	return []any{&r.m.ID, &r.m.Key, &r.m.AccountID, &r.m.To, &r.m.Subject, &r.m.Text, &r.m.HTML, &r.m.MessageID,
		&r.m.Unsubscribe, &r.m.Attempts, &r.next, &r.lease, &r.m.LastError, &r.created, &r.sent}
}

func (r *mailRow) model() *models.OutboxMail {
	m := r.m
	m.NextAttemptAt, m.LeaseUntil, m.CreatedAt, m.SentAt = fromMS(r.next), fromMS(r.lease), fromMS(r.created), fromMSPtr(r.sent)
	return &m
}

// EnqueueMail stores, in one transaction, the mails whose Key is new, giving them an id when they have none. A
// Key already stored, or earlier in mails, is skipped, and so is an id already taken.
func (s *Store) EnqueueMail(ctx context.Context, mails []*models.OutboxMail) (err error) {
	defer models.Wrap(&err, "sqlite.EnqueueMail(%d mails)", len(mails))
	if len(mails) == 0 {
		return nil
	}
	for _, m := range mails {
		if m.ID == "" {
			m.ID = models.NewID(mailIDPrefix)
		}
	}
	return s.write(ctx, func(t *txn) error {
		for _, m := range mails {
			_, err := t.exec("INSERT INTO outbox ("+mailColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "+
				"ON CONFLICT DO NOTHING", m.ID, m.Key, m.AccountID, m.To, m.Subject, m.Text, m.HTML, m.MessageID,
				m.Unsubscribe, m.Attempts, ms(m.NextAttemptAt), ms(m.LeaseUntil), m.LastError, ms(m.CreatedAt), msPtr(m.SentAt))
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// ClaimMail leases, in one transaction, up to limit unsent mails due at now whose lease ended, by next attempt
// then creation: it sets their lease to now+lease, counts the attempt and returns them. A limit below 1 claims
// nothing.
func (s *Store) ClaimMail(ctx context.Context, now time.Time, lease time.Duration, limit int) (out []*models.OutboxMail, err error) {
	defer models.Wrap(&err, "sqlite.ClaimMail")
	if limit < 1 {
		return nil, nil
	}
	until := now.Add(lease)
	err = s.write(ctx, func(t *txn) error {
		err := t.each("SELECT "+mailColumns+" FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? AND lease_until <= ? "+
			"ORDER BY next_attempt_at, created_at, id LIMIT ?", []any{ms(now), ms(now), limit}, func(rows *sql.Rows) error {
			var r mailRow
			if err := rows.Scan(r.dest()...); err != nil {
				return err
			}
			m := r.model()
			m.Attempts++
			m.LeaseUntil = fromMS(ms(until))
			out = append(out, m)
			return nil
		})
		if err != nil {
			return err
		}
		for _, m := range out {
			if _, err := t.exec("UPDATE outbox SET lease_until = ?, attempts = attempts + 1 WHERE id = ?", ms(until), m.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MarkMailSent records that the mail was sent at now: it is never claimed again.
func (s *Store) MarkMailSent(ctx context.Context, id string, now time.Time) (err error) {
	defer models.Wrap(&err, "sqlite.MarkMailSent(%q)", id)
	return s.writeOne(ctx, "mail", "UPDATE outbox SET sent_at = ? WHERE id = ?", ms(now), id)
}

// MarkMailFailed records an error, releases the lease and schedules the next attempt.
func (s *Store) MarkMailFailed(ctx context.Context, id, lastError string, next time.Time) (err error) {
	defer models.Wrap(&err, "sqlite.MarkMailFailed(%q)", id)
	return s.writeOne(ctx, "mail", "UPDATE outbox SET last_error = ?, lease_until = ?, next_attempt_at = ? WHERE id = ?",
		lastError, ms(time.Time{}), ms(next), id)
}

// OutboxDepth counts the unsent mails.
func (s *Store) OutboxDepth(ctx context.Context) (n int, err error) {
	defer models.Wrap(&err, "sqlite.OutboxDepth")
	err = s.read(ctx, func(t *txn) error {
		return t.row("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", nil, &n)
	})
	return n, err
}
