package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/notify"
)

// mailing is how an instance sends email: the sender, the renderer and the Message-ID domain.
type mailing struct {
	sender   notify.Sender
	renderer *notify.Renderer
	domain   string
}

// newMailing builds the email side from the configuration: SMTP when an address is set, else the log.
func newMailing(cfg Config, clock models.Clock, logger *slog.Logger) (*mailing, error) {
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || base.Host == "" {
		return nil, usageError{fmt.Sprintf("--base-url %q is not an absolute URL", cfg.BaseURL)}
	}
	renderer, err := notify.NewRenderer(strings.TrimSuffix(cfg.BaseURL, "/"), "innonet · Mạng lưới đổi mới sáng tạo Hà Nội")
	if err != nil {
		return nil, err
	}
	m := &mailing{renderer: renderer, domain: base.Hostname(), sender: notify.LogSender{Logger: logger}}
	if cfg.SMTP.Addr == "" {
		return m, nil
	}
	password := cfg.SMTP.Password
	if cfg.SMTP.PasswordFile != "" {
		b, err := os.ReadFile(cfg.SMTP.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("reading the SMTP password file: %w", err)
		}
		password = strings.TrimRight(string(b), "\r\n")
	}
	tlsMode := map[string]notify.TLSMode{"none": notify.TLSNone, "starttls": notify.TLSStartTLS, "tls": notify.TLSImplicit}
	mode, ok := tlsMode[cfg.SMTP.TLS]
	if !ok {
		return nil, usageError{fmt.Sprintf("--smtp-tls %q: want none, starttls or tls", cfg.SMTP.TLS)}
	}
	sender, err := notify.NewSMTPSender(notify.SMTPConfig{Addr: cfg.SMTP.Addr, From: cfg.SMTP.From, FromName: cfg.SMTP.FromName,
		Username: cfg.SMTP.Username, Password: password, TLS: mode, Clock: clock})
	if err != nil {
		return nil, err
	}
	m.sender = sender
	return m, nil
}
