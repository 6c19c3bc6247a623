package main

import (
	"bytes"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// receipt is one mail the SMTP server accepted.
type receipt struct {
	MessageID  string
	To         string
	Challenges []string // the challenges the mail links to
	At         time.Time
}

// mailbox is an SMTP server on loopback that keeps every mail it accepts, in order.
type mailbox struct {
	addr string
	srv  *smtp.Server
	mu   sync.Mutex
	got  []receipt
}

func startMailbox(host string) (*mailbox, error) {
	mb := &mailbox{}
	mb.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{mb: mb}, nil }))
	mb.srv.Domain = "localhost"
	mb.srv.ErrorLog = log.New(io.Discard, "", 0)
	mb.srv.ReadTimeout, mb.srv.WriteTimeout = 10*time.Second, 10*time.Second
	mb.srv.MaxMessageBytes = 4 << 20
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return nil, err
	}
	mb.addr = l.Addr().String()
	go func() { _ = mb.srv.Serve(l) }()
	return mb, nil
}

func (mb *mailbox) close() { _ = mb.srv.Close() }

// receipts returns a copy of what arrived so far.
func (mb *mailbox) receipts() []receipt {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return append([]receipt(nil), mb.got...)
}

type session struct{ mb *mailbox }

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *session) Reset()                               {}
func (s *session) Logout() error                        { return nil }

// Data accepts the mail: once it returns, the server answers 250 and the mail counts as received.
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	rc := parseMail(b)
	rc.At = time.Now()
	s.mb.mu.Lock()
	s.mb.got = append(s.mb.got, rc)
	s.mb.mu.Unlock()
	return nil
}

var challengeLink = regexp.MustCompile(`/challenges/([A-Za-z0-9_.:-]+)`)

// parseMail reads the Message-ID, the recipient and the challenge links of the text part.
func parseMail(b []byte) receipt {
	var rc receipt
	msg, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return rc
	}
	rc.MessageID = strings.TrimSpace(msg.Header.Get("Message-ID"))
	if a, err := mail.ParseAddress(msg.Header.Get("To")); err == nil {
		rc.To = strings.ToLower(a.Address)
	}
	var text []byte
	mt, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(msg.Body, params["boundary"])
		for {
			p, err := mr.NextPart() // decodes quoted-printable
			if err != nil {
				break
			}
			part, _ := io.ReadAll(p)
			text = append(text, part...)
		}
	} else {
		text, _ = io.ReadAll(msg.Body)
	}
	seen := map[string]bool{}
	for _, m := range challengeLink.FindAllSubmatch(text, -1) {
		if id := string(m[1]); !seen[id] {
			seen[id] = true
			rc.Challenges = append(rc.Challenges, id)
		}
	}
	return rc
}
