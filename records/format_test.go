package records

import (
	"errors"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestDetectFormat(t *testing.T) {
	cases := []struct {
		name string
		head string
		want Format
	}{
		{"members.jsonl", "", JSONL},
		{"MEMBERS.NDJSON", "", JSONL},
		{"thành viên.CSV", "PK\x03\x04", CSV},
		{"a.xlsx", "", XLSX},
		{"upload", "PK\x03\x04\x14\x00", XLSX},
		{"members.json", "\ufeff\n  {\"id\":\"st-1\"}", JSONL},
		{"export.txt", "\ufeffid,kind,name\nst-1,startup,A", CSV},
		{"", "id,name", CSV},
	}
	for _, c := range cases {
		got, err := DetectFormat(c.name, []byte(c.head))
		if err != nil || got != c.want {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want %q", c.name, c.head, got, err, c.want)
		}
	}
	for _, c := range []struct{ name, head string }{
		{"old.xls", ""},
		{"upload", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"},
		{"members.json", `[{"id":"st-1"}]`},
		{"notes.txt", "just some words"},
		{"blank", "  \n"},
		{"binary", "id\x00,\x01"},
	} {
		if f, err := DetectFormat(c.name, []byte(c.head)); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want an invalid error", c.name, c.head, f, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"jsonl": JSONL, " CSV ": CSV, "Xlsx": XLSX, "ndjson": JSONL} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xls"); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("ParseFormat(xls): %v", err)
	}
	if XLSX.ContentType() != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Error(XLSX.ContentType())
	}
}
