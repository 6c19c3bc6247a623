package records

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// The fuzz targets check that reading never fails on a file it can read, numbers rows within the file, and
// that what it reads survives an export and an import in the same format. Seeds are in testdata/fuzz.

func FuzzReadMembersJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"st-1","kind":"startup","name":"Hà Nội","skills":["iot"],"contact":{"email":"a@b.vn"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res := readMembers(t, data, JSONL)
		if res.err != nil {
			t.Fatalf("ReadMembers: %v", res.err)
		}
		checkRows(t, data, res, 1)
		checkRoundTrip(t, JSONL, res.recs)
	})
}

func FuzzReadMembersCSV(f *testing.F) {
	f.Add([]byte("id,kind,name,skills\nst-1,startup,Hà Nội,iot; ai\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res := readMembers(t, data, CSV)
		if res.err != nil {
			return // a bad header
		}
		checkRows(t, data, res, 2)
		checkRoundTrip(t, CSV, res.recs)
	})
}

// checkRows checks that row numbers are within the file's lines and that records come in order.
func checkRows(t *testing.T, data []byte, res memberResult, first int) {
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, e := range res.errs {
		if e.Row < first || e.Row > lines {
			t.Fatalf("error at row %d, outside %d..%d: %v", e.Row, first, lines, e)
		}
	}
	last := 0
	for _, r := range res.recs {
		if r.Row < first || r.Row > lines || r.Row <= last {
			t.Fatalf("record at row %d after row %d, outside %d..%d", r.Row, last, first, lines)
		}
		if r.Member.ID == "" || r.Member.Status != models.ProfilePublished {
			t.Fatalf("record at row %d: %+v", r.Row, r.Member)
		}
		last = r.Row
	}
}

func checkRoundTrip(t *testing.T, f Format, recs []MemberRecord) {
	var members []*models.Member
	for _, r := range recs {
		members = append(members, r.Member)
	}
	back := readMembers(t, writeMembers(t, f, members), f)
	if back.err != nil || len(back.errs) > 0 || len(back.recs) != len(members) {
		t.Fatalf("read back: %v %v, %d of %d records", back.err, back.errs, len(back.recs), len(members))
	}
	for i, r := range back.recs {
		if !reflect.DeepEqual(r.Member, members[i]) {
			t.Fatalf("round trip:\n got %#v\nwant %#v", r.Member, members[i])
		}
	}
}
