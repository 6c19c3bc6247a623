package records

import (
	"encoding/json"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
	"golang.org/x/text/unicode/norm"
)

func allFormats() []Format { return []Format{JSONL, CSV, XLSX} }

// firstRow is the row number of the first record: JSONL has no header.
func firstRow(f Format) int {
	if f == JSONL {
		return 1
	}
	return 2
}

func TestMembersRoundTrip(t *testing.T) {
	want := sampleMembers()
	for _, f := range allFormats() {
		t.Run(string(f), func(t *testing.T) {
			res := readMembers(t, writeMembers(t, f, want), f)
			if res.err != nil || len(res.errs) > 0 {
				t.Fatalf("read back: %v %v", res.err, res.errs)
			}
			if len(res.recs) != len(want) {
				t.Fatalf("read back %d records, want %d", len(res.recs), len(want))
			}
			for i, rec := range res.recs {
				if rec.Row != firstRow(f)+i {
					t.Errorf("record %d: row %d, want %d", i, rec.Row, firstRow(f)+i)
				}
				if !reflect.DeepEqual(rec.Member, want[i]) {
					t.Errorf("record %d:\n got %+v\nwant %+v", i, rec.Member, want[i])
				}
				if !norm.NFC.IsNormalString(rec.Member.Name) {
					t.Errorf("record %d: name %q is not NFC", i, rec.Member.Name)
				}
			}
		})
	}
}

func TestChallengesRoundTrip(t *testing.T) {
	want := sampleChallenges()
	for _, f := range allFormats() {
		t.Run(string(f), func(t *testing.T) {
			recs, errs := readChallenges(t, writeChallenges(t, f, want), f)
			if len(errs) > 0 {
				t.Fatalf("read back: %v", errs)
			}
			if len(recs) != len(want) {
				t.Fatalf("read back %d records, want %d", len(recs), len(want))
			}
			for i, rec := range recs {
				if rec.Row != firstRow(f)+i {
					t.Errorf("record %d: row %d, want %d", i, rec.Row, firstRow(f)+i)
				}
				if !reflect.DeepEqual(rec.Challenge, want[i]) {
					t.Errorf("record %d:\n got %+v\nwant %+v", i, rec.Challenge, want[i])
				}
			}
		})
	}
}

func TestVerification(t *testing.T) {
	in := `{"id":"ag-1","kind":"agency","name":"A"}
{"id":"ag-2","kind":"agency","name":"B","verified":true}
{"id":"ic-3","kind":"innovation_center","name":"C","verified":false}
{"id":"st-4","kind":"startup","name":"D","verified":true}
`
	res := readMembers(t, []byte(in), JSONL)
	if res.err != nil || len(res.errs) > 0 {
		t.Fatal(res.err, res.errs)
	}
	want := []struct {
		v   models.Verification
		raw *bool
	}{{models.VerificationVerified, nil}, {models.VerificationVerified, ptr(true)},
		{models.VerificationPending, ptr(false)}, {models.VerificationNone, ptr(true)}}
	for i, rec := range res.recs {
		m := rec.Member
		if m.Verification != want[i].v || !reflect.DeepEqual(rec.Verified, want[i].raw) {
			t.Errorf("%s: verification %q, verified %v; want %q, %v", m.ID, m.Verification, rec.Verified, want[i].v, want[i].raw)
		}
		if m.Status != models.ProfilePublished || m.Version != 0 || !m.CreatedAt.IsZero() {
			t.Errorf("%s: status %q version %d created %v", m.ID, m.Status, m.Version, m.CreatedAt)
		}
	}
}

// TestReadIsFaithful shows that reading keeps text as it is (here decomposed, NFD) and that Normalize,
// which the caller runs, brings it to NFC.
func TestReadIsFaithful(t *testing.T) {
	nfd := norm.NFD.String("Hòa Lạc")
	res := readMembers(t, []byte(`{"id":"ic-1","kind":"innovation_center","name":"`+nfd+`","skills":[" IoT "]}`), JSONL)
	if res.err != nil || len(res.errs) > 0 {
		t.Fatal(res.err, res.errs)
	}
	m := res.recs[0].Member
	if m.Name != nfd || m.Skills[0] != " IoT " {
		t.Errorf("read %q %q, want the text as given", m.Name, m.Skills)
	}
	m.Normalize()
	if m.Name != "Hòa Lạc" || m.Skills[0] != "iot" {
		t.Errorf("after Normalize %q %q", m.Name, m.Skills)
	}
}

const evalDir = "../../shared/eval/"

func readEvalFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(evalDir + name)
	if os.IsNotExist(err) {
		t.Skipf("%s%s is absent", evalDir, name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestEvalMembers(t *testing.T) {
	data := readEvalFile(t, "members.jsonl")
	res := readMembers(t, data, JSONL)
	if res.err != nil || len(res.errs) > 0 {
		t.Fatalf("err %v, row errors %v", res.err, res.errs)
	}
	if len(res.recs) != 320 {
		t.Fatalf("read %d members, want 320", len(res.recs))
	}
	tax := models.MustTaxonomy()
	var members []*models.Member
	for _, rec := range res.recs {
		m := *rec.Member
		m.Normalize()
		if err := m.Validate(tax); err != nil {
			t.Errorf("row %d %s: %v %v", rec.Row, m.ID, err, models.ErrorFields(err))
		}
		members = append(members, rec.Member)
	}
	for _, f := range allFormats() {
		back := readMembers(t, writeMembers(t, f, members), f)
		if back.err != nil || len(back.errs) > 0 || len(back.recs) != len(members) {
			t.Fatalf("%s: err %v, %d row errors, %d records", f, back.err, len(back.errs), len(back.recs))
		}
		for i, rec := range back.recs {
			if !reflect.DeepEqual(rec.Member, members[i]) {
				t.Errorf("%s: %s differs after a round trip:\n got %+v\nwant %+v", f, members[i].ID, rec.Member, members[i])
			}
		}
	}
}

func TestEvalChallenges(t *testing.T) {
	data := readEvalFile(t, "challenges.jsonl")
	recs, errs := readChallenges(t, data, JSONL)
	if len(errs) > 0 {
		t.Fatalf("row errors %v", errs)
	}
	if len(recs) != 20 {
		t.Fatalf("read %d challenges, want 20", len(recs))
	}
	var challenges []*models.Challenge
	for _, rec := range recs {
		challenges = append(challenges, rec.Challenge)
	}
	for _, f := range allFormats() {
		back, errs := readChallenges(t, writeChallenges(t, f, challenges), f)
		if len(errs) > 0 || len(back) != len(challenges) {
			t.Fatalf("%s: %d row errors, %d records", f, len(errs), len(back))
		}
		for i, rec := range back {
			if !reflect.DeepEqual(rec.Challenge, challenges[i]) {
				t.Errorf("%s: %s differs after a round trip", f, challenges[i].ID)
			}
		}
	}
	// The JSONL export has the keys of the import file, budget_vnd null included.
	first, _, _ := strings.Cut(string(data), "\n")
	out, _, _ := strings.Cut(string(writeChallenges(t, JSONL, challenges[:1])), "\n")
	if keys(t, first) != keys(t, out) {
		t.Errorf("keys differ:\n file   %s\n export %s", keys(t, first), keys(t, out))
	}
}

// keys returns the sorted keys of a JSON object.
func keys(t *testing.T, line string) string {
	t.Helper()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		t.Fatal(err)
	}
	return strings.Join(slices.Sorted(maps.Keys(obj)), ",")
}
