package notify

import (
	"net/mail"
	"regexp"
	"testing"
	"time"
)

func TestMessageIDIsStableAndDistinct(t *testing.T) {
	id := MessageID("match:ch-1:st-1", "innonet.vn")
	if !regexp.MustCompile(`^<[0-9a-f]{32}@innonet\.vn>$`).MatchString(id) {
		t.Errorf("MessageID = %q, want <32 hex digits@innonet.vn>", id)
	}
	if again := MessageID("match:ch-1:st-1", "innonet.vn"); again != id {
		t.Errorf("MessageID changed: %q then %q", id, again)
	}
	if other := MessageID("match:ch-1:st-2", "innonet.vn"); other == id {
		t.Error("two keys share a Message-ID")
	}
	if got := MessageID("k", ""); !regexp.MustCompile(`@localhost>$`).MatchString(got) {
		t.Errorf("MessageID without a domain = %q", got)
	}
}

func TestBuildMessageDerivesMissingMessageID(t *testing.T) {
	m := testMail("k-1")
	m.MessageID = ""
	raw, _, err := buildMessage(&mail.Address{Address: "noreply@innonet.test"}, m, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytesReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := msg.Header.Get("Message-ID"), MessageID("k-1", "innonet.test"); got != want {
		t.Errorf("Message-ID = %q, want %q", got, want)
	}
}
