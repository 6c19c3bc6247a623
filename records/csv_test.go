package records

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestReadMembersCSVBadRows(t *testing.T) {
	in := strings.Join([]string{
		"ID, Kind ,NAME,founded,Skills,Contact_Email,verified", // row 1: names in any case
		"st-1,startup,Tốt một,2021,iot; computer vision ;;,a@b.vn,",
		"st-2,startup,Năm sai,hai nghìn,,,",
		",startup,Không có id,,,,",
		"st-4,startup,\"Bad\"x,,,,", // bad quoting
		"",                          // row 6: a blank row
		"st-7,startup,\"Tên",        // row 7: two lines in one cell
		"hai dòng\",,,,",
		"st-8,startup,Tốt tám,,,,",
		"st-9,startup,Thừa ô,,,,,extra",
		",,,,,,",                             // row 10: empty cells only, skipped
		"ag-11,agency,Sai kiểu,,,,có",        // row 11
		"st-12,startup,Tốt mười hai,,,,",     // row 12
		"st-13,startup,\"không đóng ngoặc,,", // row 13: unterminated quote eats the rest
		"st-14,startup,Mất,,,,",
	}, "\r\n")
	res := readMembers(t, []byte(in), CSV)
	if res.err != nil {
		t.Fatal(res.err)
	}
	var good []int
	for _, r := range res.recs {
		good = append(good, r.Row)
	}
	if want := []int{2, 7, 8, 12}; !reflect.DeepEqual(good, want) {
		t.Errorf("good rows %v, want %v", good, want)
	}
	if want := []int{3, 4, 5, 9, 11, 13}; !reflect.DeepEqual(rowsOf(res.errs), want) {
		t.Errorf("error rows %v, want %v\n%v", rowsOf(res.errs), want, res.errs)
	}
	checks := []struct {
		row          int
		field, words string
	}{
		{3, "founded", "must be an integer"},
		{4, "id", "is required"},
		{5, "", "bad CSV quoting"},
		{9, "", "no column name"},
		{11, "verified", "must be true or false"},
		{13, "", "bad CSV quoting"},
	}
	for _, c := range checks {
		if e := findError(t, res.errs, c.row, c.field); !strings.Contains(e.Message, c.words) {
			t.Errorf("row %d %s: %q does not say %q", c.row, c.field, e.Message, c.words)
		}
	}
	m := res.recs[0].Member
	if m.Founded != 2021 || !reflect.DeepEqual(m.Skills, []string{"iot", "computer vision"}) || m.Contact.Email != "a@b.vn" {
		t.Errorf("row 2 read as %+v", m)
	}
	if got := res.recs[1].Member.Name; got != "Tên\nhai dòng" {
		t.Errorf("row 7 name %q", got)
	}
}

func TestReadCSVHeaderErrors(t *testing.T) {
	cases := []struct{ in, words string }{
		{"", "empty"},
		{"id,name,fax,Email\nst-1,A,1,2\n", `unknown columns "fax", "Email"`},
		{"id,name,NAME\n", `repeated columns "name"`},
		{"kind,name\nstartup,A\n", "no id column"},
		{"id;kind;name\nst-1;startup;A\n", "separate columns with commas"},
		{"\nid,name\n", "first row must be the header"},
		{"id,\"name\n", "header row cannot be read"},
		{"id,t\xean\n", "not UTF-8"},
	}
	for _, c := range cases {
		res := readMembers(t, []byte(c.in), CSV)
		if !errors.Is(res.err, models.ErrInvalid) || !strings.Contains(res.err.Error(), c.words) {
			t.Errorf("%q: err %v, want an invalid error saying %q", c.in, res.err, c.words)
		}
	}
}

func TestReadCSVBOM(t *testing.T) {
	for _, prefix := range []string{"", "\ufeff"} {
		res := readMembers(t, []byte(prefix+"id,name\nst-1,Hà Nội\n"), CSV)
		if res.err != nil || len(res.errs) > 0 || len(res.recs) != 1 || res.recs[0].Member.Name != "Hà Nội" {
			t.Errorf("prefix %q: %v %v %+v", prefix, res.err, res.errs, res.recs)
		}
	}
	if out := writeMembers(t, CSV, nil); !bytes.HasPrefix(out, []byte("\ufeffid,kind,name,")) {
		t.Errorf("export starts %q, want a BOM and the header", out[:20])
	}
}

func TestReadCSVInvalidUTF8Cell(t *testing.T) {
	res := readMembers(t, []byte("id,name\nst-1,H\xe0 N\xf4i\nst-2,Hà Nội\n"), CSV)
	if len(res.recs) != 1 || res.recs[0].Row != 3 {
		t.Fatalf("records %+v", res.recs)
	}
	findError(t, res.errs, 2, "name")
}

func TestCSVFormulaGuard(t *testing.T) {
	out := string(writeMembers(t, CSV, sampleMembers()[1:2]))
	for _, want := range []string{`"'=HYPERLINK(""http://x"")"`, ",'-giảm phát thải,", ",'trích dẫn' và @nhắc tên,", ",'=1+1; kiểm", ",''=không phải công thức,"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
	for in, want := range map[string]string{"=a": "'=a", "'=a": "''=a", "'a": "'a", "a=": "a=", "-": "'-", "": "", "'": "'"} {
		if got := guard(in); got != want || unguard(got) != in {
			t.Errorf("guard(%q) = %q, unguard gives %q", in, got, unguard(got))
		}
	}
}

// TestCSVLineEnds documents that CSV turns CRLF inside a cell into LF.
func TestCSVLineEnds(t *testing.T) {
	m := &models.Member{ID: "st-1", Kind: models.KindStartup, Name: "A", Description: "một\r\nhai"}
	res := readMembers(t, writeMembers(t, CSV, []*models.Member{m}), CSV)
	if len(res.recs) != 1 || res.recs[0].Member.Description != "một\nhai" {
		t.Errorf("read back %+v", res.recs)
	}
}

func TestWriteRefusesSeparatorInList(t *testing.T) {
	bad := &models.Member{ID: "st-1", Kind: models.KindStartup, Name: "A", Skills: []string{"a;b"}}
	good := &models.Member{ID: "st-2", Kind: models.KindStartup, Name: "B", Skills: []string{"a", "b"}}
	for _, f := range []Format{CSV, XLSX} {
		var buf bytes.Buffer
		w, err := NewMemberWriter(&buf, f)
		if err != nil {
			t.Fatal(err)
		}
		err = w.Write(bad)
		if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), `"a;b"`) || !strings.Contains(err.Error(), "skills") {
			t.Errorf("%s: Write: %v, want an invalid error naming the item and the column", f, err)
		}
		if err := w.Write(good); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		res := readMembers(t, buf.Bytes(), f)
		if len(res.recs) != 1 || res.recs[0].Member.ID != "st-2" || res.recs[0].Row != 2 {
			t.Errorf("%s: read back %+v %v", f, res.recs, res.errs)
		}
	}
	res := readMembers(t, writeMembers(t, JSONL, []*models.Member{bad}), JSONL)
	if len(res.recs) != 1 || res.recs[0].Member.Skills[0] != "a;b" {
		t.Errorf("jsonl: read back %+v", res.recs)
	}
}
