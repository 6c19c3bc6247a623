package main

import (
	"bytes"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/tools/internal/opkit"
)

// TestSmoke runs two kill -9 cycles on loopback with an in-process SMTP server: nothing acknowledged is lost,
// the index equals the store, and every outbox mail arrives once (a mail received before a kill that the store
// had not recorded as sent may arrive twice: at least once). The drain waits for the leases (jobs 2 min).
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts the server; waits for the leases")
	}
	c := config{Bin: opkit.BuildForTest(t), Host: "127.0.0.1", Data: t.TempDir() + "/data", Cycles: 2, Solvers: 4, Agencies: 1,
		MinRun: 300 * time.Millisecond, MaxRun: 1500 * time.Millisecond, Drain: 150 * time.Second, Seed: uint64(time.Now().UnixNano())}
	var out bytes.Buffer
	s, err := run(t.Context(), c, &out)
	t.Log(out.String())
	if err != nil {
		t.Fatal(err)
	}
	if s.Cycles != 2 || s.Updates == 0 || s.Published == 0 || s.Received == 0 {
		t.Errorf("too little happened to check: %+v", s)
	}
	if s.Lost != 0 || s.Mismatches != 0 {
		t.Errorf("acknowledged writes lost %d, index mismatches %d", s.Lost, s.Mismatches)
	}
	if s.MailLost != 0 || s.Undrained != 0 || s.Unknown != 0 || s.Duplicates != s.InWindow {
		t.Errorf("mail: lost %d, not sent %d, unknown %d, duplicates %d of which %d in the window",
			s.MailLost, s.Undrained, s.Unknown, s.Duplicates, s.InWindow)
	}
	// An interest is written with the job that notifies the agency, and a job's rerun enqueues the mails of
	// the notifications an earlier, killed run stored.
	if s.NotMailed != 0 || s.InterestsUnnotified != 0 {
		t.Errorf("%d notifications without their mail, %d interests without their notification",
			s.NotMailed, s.InterestsUnnotified)
	}
}

// TestParseMail reads the Message-ID, the recipient and the challenge links through quoted-printable soft breaks.
func TestParseMail(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, text := range []string{
		strings.Repeat("Bài toán phù hợp với bạn: ", 3) + "http://localhost:8080/challenges/ch-abc123def456 và /challenges/ch-xyz",
		`<a href="http://localhost:8080/challenges/ch-abc123def456">xem</a>`,
	} {
		p, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			t.Fatal(err)
		}
		qw := quotedprintable.NewWriter(p)
		_, _ = qw.Write([]byte(text))
		_ = qw.Close()
	}
	_ = mw.Close()
	msg := "Message-ID: <abc@localhost>\r\nTo: \"Đội 1\" <Solver1@Crashtest.invalid>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/alternative; boundary=" + mw.Boundary() + "\r\n\r\n" + body.String()
	rc := parseMail([]byte(msg))
	if rc.MessageID != "<abc@localhost>" || rc.To != "solver1@crashtest.invalid" {
		t.Errorf("got %q to %q", rc.MessageID, rc.To)
	}
	if want := []string{"ch-abc123def456", "ch-xyz"}; !slices.Equal(rc.Challenges, want) {
		t.Errorf("challenges %v, want %v", rc.Challenges, want)
	}
}
