package notify

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

const vietnameseSubject = "Bài toán mới phù hợp với bạn: Số hóa hồ sơ hành chính phường Hoàn Kiếm"

func testMail(key string) *models.OutboxMail {
	return &models.OutboxMail{
		ID: models.NewID("ml"), Key: key, AccountID: "acc-1", To: "Nguyễn Văn An <an@example.com>",
		Subject:     vietnameseSubject,
		Text:        "Chào An,\n\nMột bài toán mới phù hợp với bạn.\nXem: https://innonet.test/challenges/ch-1\n",
		HTML:        "<p>Chào An,</p><p>Một bài toán mới phù hợp với bạn: <a href=\"https://innonet.test/challenges/ch-1\">Số hóa hồ sơ</a></p>",
		MessageID:   MessageID(key, "innonet.test"),
		Unsubscribe: "https://innonet.test/api/v1/notifications/unsubscribe?token=tok-123",
	}
}

func newTestSender(t *testing.T, srv *smtpServer, mutate ...func(*SMTPConfig)) *SMTPSender {
	t.Helper()
	cfg := SMTPConfig{Addr: srv.Addr, From: "noreply@innonet.test", FromName: "Mạng lưới Đổi mới Sáng tạo Hà Nội",
		TLS: TLSNone, Timeout: 5 * time.Second, Clock: newFakeClock()}
	for _, m := range mutate {
		m(&cfg)
	}
	s, err := NewSMTPSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// parts reads the parts of a multipart/alternative message: content type to decoded body.
func parts(t *testing.T, m *mail.Message) map[string]string {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	out := map[string]string{}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if cte := p.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Errorf("part Content-Transfer-Encoding = %q, want quoted-printable", cte)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		out[p.Header.Get("Content-Type")] = string(body)
	}
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func TestSMTPSenderDeliversMIMEMessage(t *testing.T) {
	srv := startSMTPServer(t)
	sender := newTestSender(t, srv)
	m := testMail("match:ch-1:st-1")
	if err := sender.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msgs := srv.messages()
	if len(msgs) != 1 {
		t.Fatalf("server got %d messages, want 1", len(msgs))
	}
	if msgs[0].From != "noreply@innonet.test" || len(msgs[0].To) != 1 || msgs[0].To[0] != "an@example.com" {
		t.Errorf("envelope = %q -> %q", msgs[0].From, msgs[0].To)
	}
	for _, line := range strings.Split(string(msgs[0].Data), "\r\n") {
		if len(line) > 998 {
			t.Errorf("line longer than 998 octets: %.60s...", line)
		}
	}
	msg := msgs[0].Message(t)
	h := msg.Header
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || subject != vietnameseSubject {
		t.Errorf("Subject decodes to %q (%v), want %q", subject, err, vietnameseSubject)
	}
	if raw := h.Get("Subject"); !strings.HasPrefix(raw, "=?utf-8?") {
		t.Errorf("Subject not RFC 2047-encoded: %q", raw)
	}
	from, err := h.AddressList("From")
	if err != nil || from[0].Name != "Mạng lưới Đổi mới Sáng tạo Hà Nội" || from[0].Address != "noreply@innonet.test" {
		t.Errorf("From = %v (%v)", from, err)
	}
	to, err := h.AddressList("To")
	if err != nil || to[0].Name != "Nguyễn Văn An" || to[0].Address != "an@example.com" {
		t.Errorf("To = %v (%v)", to, err)
	}
	if got := h.Get("Message-ID"); got != m.MessageID {
		t.Errorf("Message-ID = %q, want %q", got, m.MessageID)
	}
	if date, err := h.Date(); err != nil || !date.Equal(newFakeClock().Now()) {
		t.Errorf("Date = %v (%v), want the clock's time", date, err)
	}
	want := map[string]string{
		"MIME-Version":          "1.0",
		"List-Unsubscribe":      "<" + m.Unsubscribe + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"Auto-Submitted":        "auto-generated",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	ps := parts(t, msg)
	if got := ps["text/plain; charset=utf-8"]; got != crlf(m.Text) {
		t.Errorf("text part = %q, want %q", got, crlf(m.Text))
	}
	if got := ps["text/html; charset=utf-8"]; got != m.HTML {
		t.Errorf("html part = %q, want %q", got, m.HTML)
	}
}

func TestSMTPSenderResendIsTheSameMail(t *testing.T) {
	srv := startSMTPServer(t)
	sender := newTestSender(t, srv)
	for range 2 {
		if err := sender.Send(context.Background(), testMail("digest:acc-1:2026-03-01T08:00:00.000Z")); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.messages()
	if len(msgs) != 2 || string(msgs[0].Data) != string(msgs[1].Data) {
		t.Fatalf("the two sends differ:\n%s\n---\n%s", msgs[0].Data, msgs[1].Data)
	}
}

func TestSMTPSenderOmitsListUnsubscribeWithoutURL(t *testing.T) {
	srv := startSMTPServer(t)
	m := testMail("k")
	m.Unsubscribe = ""
	if err := newTestSender(t, srv).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	h := srv.messages()[0].Message(t).Header
	if h.Get("List-Unsubscribe") != "" || h.Get("List-Unsubscribe-Post") != "" {
		t.Errorf("List-Unsubscribe headers present without a URL: %v", h)
	}
}

func TestSMTPSenderTextOnly(t *testing.T) {
	srv := startSMTPServer(t)
	m := testMail("k")
	m.HTML = ""
	if err := newTestSender(t, srv).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msg := srv.messages()[0].Message(t)
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if string(body) != crlf(m.Text) {
		t.Errorf("body = %q", body)
	}
}

func TestSMTPSenderKeepsHeadersIntact(t *testing.T) {
	srv := startSMTPServer(t)
	m := testMail("k")
	m.Subject = "Hello\r\nBcc: victim@example.com\r\n\r\nbody"
	if err := newTestSender(t, srv).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	h := srv.messages()[0].Message(t).Header
	if h.Get("Bcc") != "" {
		t.Fatalf("a Bcc header was injected: %v", h)
	}
	var dec mime.WordDecoder
	if s, _ := dec.DecodeHeader(h.Get("Subject")); s != "Hello Bcc: victim@example.com body" {
		t.Errorf("Subject = %q", s)
	}
	m.To = "an@example.com\r\nBcc: victim@example.com"
	if err := newTestSender(t, srv).Send(context.Background(), m); !IsPermanent(err) {
		t.Errorf("a To with a line break: err = %v, want permanent", err)
	}
}

func TestSMTPSenderAuthPlain(t *testing.T) {
	srv := startSMTPServer(t, withAuth("innonet", "s3cret"))
	good := newTestSender(t, srv, func(c *SMTPConfig) { c.Username, c.Password = "innonet", "s3cret" })
	if err := good.Send(context.Background(), testMail("k1")); err != nil {
		t.Fatalf("with the right password: %v", err)
	}
	bad := newTestSender(t, srv, func(c *SMTPConfig) { c.Username, c.Password = "innonet", "wrong" })
	err := bad.Send(context.Background(), testMail("k2"))
	if err == nil || IsPermanent(err) {
		t.Errorf("with a wrong password: err = %v, want a temporary error (configuration, not the mail)", err)
	}
	none := newTestSender(t, srv)
	if err := none.Send(context.Background(), testMail("k3")); err == nil || IsPermanent(err) {
		t.Errorf("without auth: err = %v, want a temporary error", err)
	}
	if n := len(srv.messages()); n != 1 {
		t.Errorf("server accepted %d messages, want 1", n)
	}
}

func TestSMTPSenderTLSModes(t *testing.T) {
	for _, tc := range []struct {
		mode     TLSMode
		implicit bool
	}{{TLSStartTLS, false}, {TLSImplicit, true}} {
		t.Run(string(tc.mode), func(t *testing.T) {
			srv := startSMTPServer(t, withTLS(t, tc.implicit), withAuth("u", "p"))
			sender := newTestSender(t, srv, func(c *SMTPConfig) {
				c.TLS, c.Username, c.Password = tc.mode, "u", "p"
				c.TLSConfig = tlsConfigTrusting(srv)
			})
			if err := sender.Send(context.Background(), testMail("k")); err != nil {
				t.Fatal(err)
			}
			if len(srv.messages()) != 1 {
				t.Fatal("no message arrived")
			}
			untrusting := newTestSender(t, srv, func(c *SMTPConfig) { c.TLS = tc.mode })
			if err := untrusting.Send(context.Background(), testMail("k")); err == nil || IsPermanent(err) {
				t.Errorf("with an untrusted certificate: err = %v, want a temporary error", err)
			}
		})
	}
}

func TestSMTPSenderClassifiesErrors(t *testing.T) {
	srv := startSMTPServer(t)
	sender := newTestSender(t, srv)
	ctx := context.Background()

	unknown := testMail("k")
	unknown.To = "unknown@example.com"
	if err := sender.Send(ctx, unknown); !IsPermanent(err) {
		t.Errorf("RCPT 550: err = %v, want permanent", err)
	}
	srv.refuseData(tempErr("try later"))
	if err := sender.Send(ctx, testMail("k")); err == nil || IsPermanent(err) {
		t.Errorf("DATA 451: err = %v, want temporary", err)
	}
	srv.refuseData(permErr("content rejected"))
	if err := sender.Send(ctx, testMail("k")); !IsPermanent(err) {
		t.Errorf("DATA 554: err = %v, want permanent", err)
	}
	bad := testMail("k")
	bad.To = "not an address"
	if err := sender.Send(ctx, bad); !IsPermanent(err) {
		t.Errorf("invalid recipient: err = %v, want permanent", err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	down := newTestSender(t, &smtpServer{Addr: addr})
	if err := down.Send(ctx, testMail("k")); err == nil || IsPermanent(err) {
		t.Errorf("server down: err = %v, want temporary", err)
	}
}

func TestSMTPSenderGivesUpWhenContextEnds(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close() // a server that never greets
		}
	}()
	sender := newTestSender(t, &smtpServer{Addr: l.Addr().String()})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = sender.Send(ctx, testMail("k"))
	if err == nil || IsPermanent(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a temporary deadline error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Send took %v after its context ended", d)
	}
}

func TestNewSMTPSenderChecksConfig(t *testing.T) {
	ok := SMTPConfig{Addr: "mail.example.com:587", From: "noreply@innonet.test"}
	if s, err := NewSMTPSender(ok); err != nil || s.cfg.TLS != TLSStartTLS || s.cfg.Timeout != 30*time.Second {
		t.Errorf("defaults: %+v, %v", s, err)
	}
	for name, mutate := range map[string]func(*SMTPConfig){
		"no port":              func(c *SMTPConfig) { c.Addr = "mail.example.com" },
		"bad from":             func(c *SMTPConfig) { c.From = "nobody" },
		"bad tls mode":         func(c *SMTPConfig) { c.TLS = "ssl" },
		"password in the open": func(c *SMTPConfig) { c.TLS, c.Username, c.Password = TLSNone, "u", "p" },
	} {
		cfg := ok
		mutate(&cfg)
		if _, err := NewSMTPSender(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	local := SMTPConfig{Addr: "127.0.0.1:1025", From: "noreply@innonet.test", TLS: TLSNone, Username: "u", Password: "p"}
	if _, err := NewSMTPSender(local); err != nil {
		t.Errorf("a password to a loopback mail catcher: %v", err)
	}
}

func TestLogSender(t *testing.T) {
	var b strings.Builder
	s := LogSender{Logger: slogTo(&b)}
	if err := s.Send(context.Background(), testMail("match:ch-1:st-1")); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "an@example.com") || !strings.Contains(out, "match:ch-1:st-1") {
		t.Errorf("log = %q, want one line naming the recipient and key", out)
	}
	if err := (LogSender{}).Send(context.Background(), testMail("k")); err != nil {
		t.Errorf("nil logger: %v", err)
	}
}
