package notify

import (
	"context"
	"log/slog"

	"github.com/hanoi-innovation/innonet/models"
)

// LogSender "sends" a mail by logging a one-line summary: the development default when no SMTP server is
// configured. A nil Logger discards.
type LogSender struct {
	Logger *slog.Logger
}

// Send logs m and reports success.
func (s LogSender) Send(ctx context.Context, m *models.OutboxMail) error {
	if s.Logger == nil {
		return nil
	}
	s.Logger.InfoContext(ctx, "mail", "to", m.To, "subject", m.Subject, "key", m.Key,
		"message_id", m.MessageID, "attempt", m.Attempts, "text_bytes", len(m.Text), "html_bytes", len(m.HTML))
	return nil
}
