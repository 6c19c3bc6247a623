package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/hanoi-innovation/innonet/models"
)

// mailIDPrefix prefixes the ids the store gives to mails that have none.
const mailIDPrefix = "ml"

// mailDoc is an outgoing email as stored. Key carries a unique index.
type mailDoc struct {
	ID            string     `bson:"_id"`
	Key           string     `bson:"key"`
	AccountID     string     `bson:"account_id"`
	To            string     `bson:"to"`
	Subject       string     `bson:"subject"`
	Text          string     `bson:"text"`
	HTML          string     `bson:"html"`
	MessageID     string     `bson:"message_id"`
	Unsubscribe   string     `bson:"unsubscribe"`
	Attempts      int        `bson:"attempts"`
	NextAttemptAt time.Time  `bson:"next_attempt_at"`
	LeaseUntil    time.Time  `bson:"lease_until"`
	LastError     string     `bson:"last_error"`
	CreatedAt     time.Time  `bson:"created_at"`
	SentAt        *time.Time `bson:"sent_at"`
}

func toMailDoc(m *models.OutboxMail) *mailDoc {
	return &mailDoc{
		ID:            m.ID,
		Key:           m.Key,
		AccountID:     m.AccountID,
		To:            m.To,
		Subject:       m.Subject,
		Text:          m.Text,
		HTML:          m.HTML,
		MessageID:     m.MessageID,
		Unsubscribe:   m.Unsubscribe,
		Attempts:      m.Attempts,
		NextAttemptAt: storedTime(m.NextAttemptAt),
		LeaseUntil:    storedTime(m.LeaseUntil),
		LastError:     m.LastError,
		CreatedAt:     storedTime(m.CreatedAt),
		SentAt:        storedTimePtr(m.SentAt),
	}
}

func (d *mailDoc) toModel() *models.OutboxMail {
	return &models.OutboxMail{
		ID:            d.ID,
		Key:           d.Key,
		AccountID:     d.AccountID,
		To:            d.To,
		Subject:       d.Subject,
		Text:          d.Text,
		HTML:          d.HTML,
		MessageID:     d.MessageID,
		Unsubscribe:   d.Unsubscribe,
		Attempts:      d.Attempts,
		NextAttemptAt: storedTime(d.NextAttemptAt),
		LeaseUntil:    storedTime(d.LeaseUntil),
		LastError:     d.LastError,
		CreatedAt:     storedTime(d.CreatedAt),
		SentAt:        storedTimePtr(d.SentAt),
	}
}

// EnqueueMail stores the mails whose Key is new, giving them an id when they have none. A Key already stored,
// or earlier in mails, is skipped (and so is an id already taken).
func (s *Store) EnqueueMail(ctx context.Context, mails []*models.OutboxMail) (err error) {
	defer models.Wrap(&err, "EnqueueMail(%d mails)", len(mails))
	fresh := firstOfEachKey(len(mails), func(i int) string { return mails[i].Key })
	if len(fresh) == 0 {
		return nil
	}
	docs := make([]any, len(fresh))
	for k, i := range fresh {
		m := mails[i]
		if m.ID == "" {
			m.ID = models.NewID(mailIDPrefix)
		}
		docs[k] = toMailDoc(m)
	}
	if _, err := insertNew(ctx, s.outbox, docs); err != nil {
		return dbError("insert mails", err)
	}
	return nil
}

// ClaimMail leases up to limit unsent mails due at now whose lease ended, by next attempt then creation: it
// sets their lease to now+lease, counts the attempt and returns them. Each mail is claimed by one atomic update,
// so concurrent claimers share the mails out; a limit below 1 claims nothing.
func (s *Store) ClaimMail(ctx context.Context, now time.Time, lease time.Duration, limit int) (_ []*models.OutboxMail, err error) {
	defer models.Wrap(&err, "ClaimMail")
	filter := bson.D{{Key: "sent_at", Value: nil}, {Key: "next_attempt_at", Value: lte(now)}, {Key: "lease_until", Value: lte(now)}}
	sort := bson.D{{Key: "next_attempt_at", Value: 1}, {Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}
	var out []*models.OutboxMail
	for len(out) < limit {
		var d mailDoc
		ok, err := claimNext(ctx, s.outbox, filter, sort, storedTime(now.Add(lease)), &d)
		if err != nil {
			return nil, dbError("claim mail", err)
		}
		if !ok {
			break
		}
		out = append(out, d.toModel())
	}
	return out, nil
}

// MarkMailSent records that the mail was sent at now: it is never claimed again.
func (s *Store) MarkMailSent(ctx context.Context, id string, now time.Time) error {
	return setByID(ctx, s.outbox, id, "mail", bson.D{{Key: "sent_at", Value: storedTime(now)}})
}

// MarkMailFailed records an error, releases the lease and schedules the next attempt.
func (s *Store) MarkMailFailed(ctx context.Context, id, lastError string, next time.Time) error {
	return setByID(ctx, s.outbox, id, "mail", bson.D{{Key: "last_error", Value: lastError},
		{Key: "lease_until", Value: time.Time{}}, {Key: "next_attempt_at", Value: storedTime(next)}})
}

// OutboxDepth counts the unsent mails.
func (s *Store) OutboxDepth(ctx context.Context) (int, error) {
	n, err := s.outbox.CountDocuments(ctx, bson.D{{Key: "sent_at", Value: nil}})
	if err != nil {
		return 0, dbError("count unsent mails", err)
	}
	return int(n), nil
}
