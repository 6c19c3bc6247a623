package main

import (
	"context"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/notify"
)

// accountMailer renders the account emails of the use cases (one-time links) and puts them in the outbox.
type accountMailer struct {
	store    models.OutboxStore
	renderer *notify.Renderer
	domain   string
	clock    models.Clock
	kick     func()
}

// SendAccountMail enqueues the email, keyed by its token so that it is sent once.
func (m accountMailer) SendAccountMail(ctx context.Context, am app.AccountMail) error {
	to := notify.Recipient{AccountID: am.AccountID, Name: am.Name, Email: am.To}
	msg, err := m.renderer.Account(am.Lang, to, notify.Letter{Kind: am.Kind, Secret: am.Secret, ExpiresAt: am.ExpiresAt,
		MemberName: am.MemberName, InvitedBy: am.InvitedBy, Role: am.Role})
	if err != nil {
		return err
	}
	if err := m.store.EnqueueMail(ctx, []*models.OutboxMail{notify.NewMail("account:"+am.TokenID, m.domain, to, msg, m.clock.Now())}); err != nil {
		return err
	}
	if m.kick != nil {
		m.kick()
	}
	return nil
}
