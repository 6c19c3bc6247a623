package notify

import (
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// NewMail returns the outbox mail of a rendered email, due at now. key is its idempotency key (enqueueing
// the same key twice sends once); the Message-ID is derived from it with domain.
func NewMail(key, domain string, to Recipient, msg Rendered, now time.Time) *models.OutboxMail {
	return &models.OutboxMail{
		ID:            models.NewID("ml"),
		Key:           key,
		AccountID:     to.AccountID,
		To:            to.Email,
		Subject:       msg.Subject,
		Text:          msg.Text,
		HTML:          msg.HTML,
		MessageID:     MessageID(key, domain),
		Unsubscribe:   msg.Unsubscribe,
		NextAttemptAt: now,
		CreatedAt:     now,
	}
}
