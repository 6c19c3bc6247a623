package server_test

import (
	"context"
	"net/url"
	"regexp"
	"sync"
	"testing"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/auth"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/notify"
)

// letterbox renders account emails with the real templates and keeps them, as the outbox would send them.
type letterbox struct {
	renderer *notify.Renderer
	mu       sync.Mutex
	mails    []letter
}

type letter struct {
	to, subject, text string
	kind              models.TokenKind
}

func (l *letterbox) SendAccountMail(_ context.Context, m app.AccountMail) error {
	r, err := l.renderer.Account(m.Lang, notify.Recipient{AccountID: m.AccountID, Name: m.Name, Email: m.To},
		notify.Letter{Kind: m.Kind, Secret: m.Secret, ExpiresAt: m.ExpiresAt, MemberName: m.MemberName, InvitedBy: m.InvitedBy, Role: m.Role})
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.mails = append(l.mails, letter{to: m.To, subject: r.Subject, text: r.Text, kind: m.Kind})
	return nil
}

// count is how many mails of the kind went to the address.
func (l *letterbox) count(to string, kind models.TokenKind) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, m := range l.mails {
		if m.to == to && m.kind == kind {
			n++
		}
	}
	return n
}

var linkToken = regexp.MustCompile(`https://innonet\.test/[a-z-]+\?token=(\S+)`)

// token returns the secret of the last link of the kind mailed to the address.
func (l *letterbox) token(t *testing.T, to string, kind models.TokenKind) string {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.mails) - 1; i >= 0; i-- {
		m := l.mails[i]
		if m.to != to || m.kind != kind {
			continue
		}
		match := linkToken.FindStringSubmatch(m.text)
		if match == nil {
			t.Fatalf("no link in the %s mail to %s:\n%s", kind, to, m.text)
		}
		secret, err := url.QueryUnescape(match[1])
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	t.Fatalf("no %s mail to %s", kind, to)
	return ""
}

// withMail gives the env's service a letterbox and a mail rate limit of perHour.
func (e *env) withMail(perHour int) *letterbox {
	e.t.Helper()
	r, err := notify.NewRenderer("https://innonet.test", "innonet")
	if err != nil {
		e.t.Fatal(err)
	}
	lim, err := auth.NewLimiter(auth.LimiterConfig{Attempts: perHour, Window: 3600e9, Clock: e.clock})
	if err != nil {
		e.t.Fatal(err)
	}
	lb := &letterbox{renderer: r}
	e.svc.Mailer, e.svc.MailLimiter = lb, lim
	return lb
}

// imported stores a published, unowned profile, as an import makes it.
func (e *env) imported(id, email string) {
	e.t.Helper()
	now := e.clock.Now()
	m := &models.Member{ID: id, Kind: models.KindStartup, Name: "Công ty Nhập " + id, Status: models.ProfilePublished,
		Verification: models.VerificationNone, CreatedAt: now, UpdatedAt: now, PublishedAt: &now}
	m.Contact.Email = email
	if err := e.store.UpsertMembers(context.Background(), []*models.Member{m}); err != nil {
		e.t.Fatal(err)
	}
}

// version is the stored version of a member.
func (e *env) version(id string) int64 {
	e.t.Helper()
	m, err := e.store.Member(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return m.Version
}
