package main

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// notificationMails leaves out the account emails (one-time links) of msgs.
func notificationMails(msgs []string) []string {
	var out []string
	for _, m := range msgs {
		if !accountLink.MatchString(m) {
			out = append(out, m)
		}
	}
	return out
}

var accountLink = regexp.MustCompile(`https?://[^/\s]+/(verify-email|reset-password|claim|accept-invite)\?token=([A-Za-z0-9%_-]+)`)

// linkTo waits for an account email to the address with a link to the page, and returns the link's token.
func (mb *mailbox) linkTo(t *testing.T, to, page string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		mb.mu.Lock()
		msgs := append([]string(nil), mb.msgs...)
		mb.mu.Unlock()
		for i := len(msgs) - 1; i >= 0; i-- {
			if !strings.Contains(msgs[i], "To: ") || !strings.Contains(msgs[i], to) {
				continue
			}
			// Quoted-printable bodies wrap long lines with "=\r\n".
			body := strings.ReplaceAll(strings.ReplaceAll(msgs[i], "=\r\n", ""), "=3D", "=")
			for _, m := range accountLink.FindAllStringSubmatch(body, -1) {
				if m[1] == page {
					secret, err := url.QueryUnescape(m[2])
					if err != nil {
						t.Fatal(err)
					}
					return secret
				}
			}
		}
		select {
		case <-mb.arrived:
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("no mail to %s with a %s link", to, page)
	return ""
}

func TestAccountEmailsEndToEnd(t *testing.T) {
	mb := startMailbox(t)
	cfg := testConfig(t.TempDir())
	cfg.SMTP.Addr, cfg.SMTP.TLS = mb.addr, "none"
	base, stop := start(t, cfg)
	defer stop()
	const pw = "Correct-horse-42!"

	if st, out := post(t, base+"/api/v1/auth/register", map[string]any{"email": "mai@example.test", "password": pw, "name": "Đỗ Mai", "kind": "expert"}, ""); st != http.StatusCreated {
		t.Fatalf("register: %d %v", st, out)
	}
	token := login(t, base, "mai@example.test", pw)
	if st, out := post(t, base+"/api/v1/auth/verify-email", map[string]any{"token": mb.linkTo(t, "mai@example.test", "verify-email")}, ""); st != http.StatusNoContent {
		t.Fatalf("verify: %d %v", st, out)
	}
	if _, me := get(t, base+"/api/v1/auth/me", token); me["email_verified"] != true {
		t.Fatalf("me: %v", me)
	}

	if st, _ := post(t, base+"/api/v1/auth/password-reset", map[string]any{"email": "mai@example.test"}, ""); st != http.StatusAccepted {
		t.Fatalf("reset request: %d", st)
	}
	const next = "Another-horse-43!"
	if st, out := post(t, base+"/api/v1/auth/password-reset/confirm", map[string]any{"token": mb.linkTo(t, "mai@example.test", "reset-password"), "password": next}, ""); st != http.StatusNoContent {
		t.Fatalf("reset: %d %v", st, out)
	}
	login(t, base, "mai@example.test", next)
}
