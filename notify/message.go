package notify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// buildMessage returns m as an RFC 5322 message with CRLF line ends, and its recipient's address. The body is
// multipart/alternative, a plain-text and an HTML part (text only when m.HTML is empty), both UTF-8 and
// quoted-printable.
func buildMessage(from *mail.Address, m *models.OutboxMail, date time.Time) ([]byte, string, error) {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, "", fmt.Errorf("recipient %q: %w", m.To, err)
	}
	msgID := m.MessageID
	if msgID == "" {
		msgID = MessageID(m.Key, domainOf(from.Address))
	}
	if !strings.HasPrefix(msgID, "<") {
		msgID = "<" + msgID + ">"
	}
	h := []string{
		"From", from.String(),
		"To", to.String(),
		"Subject", mime.QEncoding.Encode("utf-8", strings.Join(strings.Fields(m.Subject), " ")),
		"Date", date.Format(time.RFC1123Z),
		"Message-ID", msgID,
		"MIME-Version", "1.0",
		"Auto-Submitted", "auto-generated",
	}
	if m.Unsubscribe != "" {
		h = append(h, "List-Unsubscribe", "<"+m.Unsubscribe+">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	var body bytes.Buffer
	if m.HTML == "" {
		h = append(h, "Content-Type", "text/plain; charset=utf-8", "Content-Transfer-Encoding", "quoted-printable")
		if err := writeQP(&body, m.Text); err != nil {
			return nil, "", err
		}
	} else {
		boundary := boundaryFor(msgID)
		h = append(h, "Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": boundary}))
		if err := writeAlternative(&body, boundary, m.Text, m.HTML); err != nil {
			return nil, "", err
		}
	}
	var out bytes.Buffer
	for i := 0; i < len(h); i += 2 {
		if strings.ContainsAny(h[i+1], "\r\n") {
			return nil, "", fmt.Errorf("header %s contains a line break", h[i])
		}
		fmt.Fprintf(&out, "%s: %s\r\n", h[i], fold(h[i+1]))
	}
	out.WriteString("\r\n")
	out.Write(body.Bytes())
	return out.Bytes(), to.Address, nil
}

// fold breaks a header value between its RFC 2047 encoded words, which keeps long Vietnamese subjects and
// names within the recommended line length.
func fold(v string) string {
	return strings.ReplaceAll(v, "?= =?", "?=\r\n =?")
}

// boundaryFor derives the multipart boundary from the Message-ID, so a resend is byte-for-byte the same body.
// "=_" never occurs in quoted-printable text.
func boundaryFor(msgID string) string {
	sum := sha256.Sum256([]byte(msgID))
	return "=_" + hex.EncodeToString(sum[:12])
}

func writeAlternative(w *bytes.Buffer, boundary, text, html string) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(boundary); err != nil {
		return err
	}
	for _, p := range []struct{ typ, body string }{{"text/plain", text}, {"text/html", html}} {
		pw, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.typ + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		if err := writeQP(pw, p.body); err != nil {
			return err
		}
	}
	return mw.Close()
}

func writeQP(w io.Writer, s string) error {
	qw := quotedprintable.NewWriter(w)
	_, err := qw.Write([]byte(s))
	return errors.Join(err, qw.Close())
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return ""
}
