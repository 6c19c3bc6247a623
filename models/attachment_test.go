package models

import (
	"testing"
	"time"
)

func TestAttachmentName(t *testing.T) {
	cases := []struct{ name, ctype, want string }{
		{"Bản đồ.pdf", "application/pdf", "Bản đồ.pdf"},
		{`..\..\windows\evil.exe`, "application/pdf", "evil.pdf"},
		{"../../etc/passwd", "image/png", "passwd.png"},
		{"ảnh.JPEG", "image/jpeg", "ảnh.jpeg"},
		{"say \"hi\"\x07.webp", "image/webp", "say hi.webp"},
		{"...", "application/pdf", "attachment.pdf"},
	}
	for _, c := range cases {
		if got := AttachmentName(c.name, c.ctype); got != c.want {
			t.Errorf("AttachmentName(%q, %q) = %q, want %q", c.name, c.ctype, got, c.want)
		}
	}
}

func TestSniffAttachment(t *testing.T) {
	for data, want := range map[string]bool{"%PDF-1.7\n": true, "\x89PNG\r\n\x1a\n": true, "<html><body>": false, "GIF89a": false} {
		if _, ok := SniffAttachment([]byte(data)); ok != want {
			t.Errorf("SniffAttachment(%q) = %v, want %v", data, ok, want)
		}
	}
}

func TestDeadlineEndsAtMidnightInHanoi(t *testing.T) {
	c := &Challenge{Deadline: "2027-06-30", Status: ChallengeOpen}
	end, ok := c.DeadlineEnd()
	if !ok || !end.Equal(time.Date(2027, 6, 30, 17, 0, 0, 0, time.UTC)) {
		t.Fatalf("DeadlineEnd = %v, %v", end, ok)
	}
	if !c.AcceptsResponses(end.Add(-time.Nanosecond)) || c.AcceptsResponses(end) {
		t.Error("responses must be taken up to the end of the deadline day and not after")
	}
	if (&Challenge{Status: ChallengeOpen}).PastDeadline(end.AddDate(10, 0, 0)) {
		t.Error("a challenge without a deadline never passes it")
	}
	if Today(time.Date(2027, 6, 30, 17, 30, 0, 0, time.UTC)) != "2027-07-01" {
		t.Error("Today must be the date in Hanoi")
	}
}
