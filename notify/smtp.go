package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/hanoi-innovation/innonet/models"
)

// TLSMode says how the connection to the SMTP server is secured.
type TLSMode string

// The TLS modes.
const (
	TLSNone     TLSMode = "none"     // plain text (a local mail catcher)
	TLSStartTLS TLSMode = "starttls" // upgrade with STARTTLS, usually port 587
	TLSImplicit TLSMode = "tls"      // TLS from the first byte, usually port 465
)

// SMTPConfig configures an SMTPSender.
type SMTPConfig struct {
	// Addr is the server as host:port.
	Addr string
	// From is the sender address; FromName its display name (may be Vietnamese).
	From     string
	FromName string
	// Username and Password, when Username is set, authenticate with SASL PLAIN. PLAIN is refused without
	// TLS unless the server is on a loopback address.
	Username string
	Password string
	// TLS is the TLS mode; empty means TLSStartTLS.
	TLS TLSMode
	// TLSConfig overrides the TLS settings (a private CA); ServerName defaults to the host of Addr.
	TLSConfig *tls.Config
	// Timeout bounds the whole exchange of one mail (default 30 s).
	Timeout time.Duration
	// HelloName is the name given in EHLO (default "localhost").
	HelloName string
	// Clock dates the messages (default the system clock).
	Clock models.Clock
}

// SMTPSender sends mail through one SMTP server, one connection per mail. A 5xx reply to RCPT or DATA is a
// permanent error; every other failure (network, 4xx, a 5xx to the greeting, AUTH or MAIL, which point at
// the configuration rather than the mail) is temporary.
type SMTPSender struct {
	cfg  SMTPConfig
	host string
	from *mail.Address
}

// NewSMTPSender checks cfg and returns a sender.
func NewSMTPSender(cfg SMTPConfig) (*SMTPSender, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("smtp address %q: %w", cfg.Addr, err)
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("smtp from %q: %w", cfg.From, err)
	}
	from.Name = cfg.FromName
	switch cfg.TLS {
	case "":
		cfg.TLS = TLSStartTLS
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return nil, fmt.Errorf("smtp tls mode %q: want none, starttls or tls", cfg.TLS)
	}
	if cfg.Username != "" && cfg.TLS == TLSNone && !isLoopback(host) {
		return nil, fmt.Errorf("smtp: refusing to send a password to %s without TLS", host)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.HelloName == "" {
		cfg.HelloName = "localhost"
	}
	if cfg.Clock == nil {
		cfg.Clock = models.SystemClock{}
	}
	return &SMTPSender{cfg: cfg, host: host, from: from}, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Send delivers m. It gives up when ctx ends or the timeout passes.
func (s *SMTPSender) Send(ctx context.Context, m *models.OutboxMail) error {
	msg, rcpt, err := buildMessage(s.from, m, s.cfg.Clock.Now())
	if err != nil {
		return Permanent(fmt.Errorf("smtp: building mail %s: %w", m.Key, err))
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	c, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp: connecting to %s: %w", s.cfg.Addr, err)
	}
	defer c.Close()
	if err := s.deliver(c, rcpt, msg); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("smtp: %w (%v)", context.Cause(ctx), err)
		}
		return err
	}
	return nil
}

// dial connects and greets the server, securing the connection as configured. The connection is closed when
// ctx ends, which aborts any exchange in progress.
func (s *SMTPSender) dial(ctx context.Context) (*smtp.Client, error) {
	tlsConfig := &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
	if s.cfg.TLSConfig != nil {
		tlsConfig = s.cfg.TLSConfig.Clone()
		if tlsConfig.ServerName == "" {
			tlsConfig.ServerName = s.host
		}
	}
	var conn net.Conn
	var err error
	if s.cfg.TLS == TLSImplicit {
		conn, err = (&tls.Dialer{Config: tlsConfig}).DialContext(ctx, "tcp", s.cfg.Addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", s.cfg.Addr)
	}
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	var c *smtp.Client
	if s.cfg.TLS == TLSStartTLS {
		c, err = smtp.NewClientStartTLS(conn, tlsConfig)
	} else {
		c = smtp.NewClient(conn)
	}
	if err != nil {
		stop()
		conn.Close()
		return nil, err
	}
	c.CommandTimeout = s.cfg.Timeout
	c.SubmissionTimeout = s.cfg.Timeout
	return c, nil
}

func (s *SMTPSender) deliver(c *smtp.Client, to string, msg []byte) error {
	if err := c.Hello(s.cfg.HelloName); err != nil {
		return fmt.Errorf("smtp: hello: %w", err)
	}
	if s.cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.cfg.Username, s.cfg.Password)); err != nil {
			return fmt.Errorf("smtp: auth: %w", err)
		}
	}
	var opts *smtp.MailOptions
	if !isASCII(to) {
		opts = &smtp.MailOptions{UTF8: true}
	}
	if err := c.Mail(s.from.Address, opts); err != nil {
		return fmt.Errorf("smtp: MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to, nil); err != nil {
		return classify("RCPT TO", err)
	}
	w, err := c.Data()
	if err != nil {
		return classify("DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp: writing data: %w", err)
	}
	if err := w.Close(); err != nil {
		return classify("end of DATA", err)
	}
	_ = c.Quit()
	return nil
}

// classify marks a 5xx reply as permanent.
func classify(stage string, err error) error {
	err = fmt.Errorf("smtp: %s: %w", stage, err)
	var se *smtp.SMTPError
	if errors.As(err, &se) && se.Code >= 500 && se.Code < 600 {
		return Permanent(err)
	}
	return err
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
