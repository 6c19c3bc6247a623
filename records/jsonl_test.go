package records

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestReadMembersJSONLBadRows(t *testing.T) {
	lines := []string{
		`{"id":"st-1","kind":"startup","name":"Tốt một"}`,                                     // 1 good
		`{"id":"st-2","kind":"startup","name":"X","founded":"2021"}`,                          // 2 wrong type
		`{"id":"st-3","kind":"startup","name":"X","foo":1,"contact":{"fax":"1","email":"a"}}`, // 3 unknown fields
		`{"kind":"startup","name":"không có id"}`,                                             // 4 missing id
		`{"id":"st-5", "name":`, // 5 broken JSON
		``,                      // 6 empty: skipped
		`[1,2]`,                 // 7 not an object
		"{\"id\":\"st-8\",\"kind\":\"startup\",\"name\":\"Tốt tám\"}\r",   // 8 good, CRLF
		`{"id":"st-9","sectors":[1]}`,                                     // 9 wrong item type
		`{"id":"ag-10","kind":"agency","verified":"yes","team_size":1.5}`, // 10 wrong type
		`   `,                                  // 11 blank: skipped
		`{"id":"  ","name":"id trống"}`,        // 12 blank id
		"{\"id\":\"st-13\",\"name\":\"\xff\"}", // 13 bad UTF-8
		`{"id":"st-14","kind":"startup","name":"Tốt mười bốn"} {"id":"x"}`, // 14 two objects
		`{"id":"st-15","kind":"expert","name":"Tốt mười lăm","ID":"dup"}`,  // 15 key in another case
		`{"id":"st-16","kind":"startup","name":"Tốt mười sáu"}`,            // 16 good
		`{"id":17,"name":"id là số"}`,                                      // 17 one error, not two
	}
	res := readMembers(t, []byte(strings.Join(lines, "\n")), JSONL)
	if res.err != nil {
		t.Fatal(res.err)
	}
	var good []int
	for _, r := range res.recs {
		good = append(good, r.Row)
	}
	if want := []int{1, 8, 16}; !reflect.DeepEqual(good, want) {
		t.Errorf("good rows %v, want %v", good, want)
	}
	if want := []int{2, 3, 3, 4, 5, 7, 9, 10, 12, 13, 14, 15, 17}; !reflect.DeepEqual(rowsOf(res.errs), want) {
		t.Errorf("error rows %v, want %v\n%v", rowsOf(res.errs), want, res.errs)
	}
	checks := []struct {
		row          int
		field, words string
	}{
		{2, "/founded", "must be an integer"},
		{3, "/foo", "unknown field"},
		{3, "/contact/fax", "unknown field"},
		{4, "/id", "is required"},
		{5, "", "not valid JSON"},
		{7, "", "must be a JSON object"},
		{9, "/sectors", "must be a list of strings"},
		{10, "/verified", "must be true or false"},
		{12, "/id", "is required"},
		{13, "", "not valid UTF-8"},
		{14, "", "not valid JSON"},
		{15, "/ID", "unknown field"},
		{17, "/id", "must be a string, not number"},
	}
	for _, c := range checks {
		if e := findError(t, res.errs, c.row, c.field); !strings.Contains(e.Message, c.words) {
			t.Errorf("row %d %s: %q does not say %q", c.row, c.field, e.Message, c.words)
		}
	}
}

func TestReadChallengesJSONLTypes(t *testing.T) {
	in := `{"id":"ch-1","posted_by":"ag-1","title":"T","description":"D","budget_vnd":null,"status":"open"}
{"id":"ch-2","budget_vnd":"1 tỷ"}
{"id":"ch-3","budget_vnd":1.8e9}
{"id":"ch-4","preferred_kinds":"startup"}
{"id":"ch-5","budget_vnd":2500000000,"deadline":"2027-06-30"}
`
	recs, errs := readChallenges(t, []byte(in), JSONL)
	if len(recs) != 2 || recs[0].Challenge.BudgetVND != nil || *recs[1].Challenge.BudgetVND != 2500000000 {
		t.Fatalf("records %+v", recs)
	}
	findError(t, errs, 2, "/budget_vnd")
	findError(t, errs, 3, "/budget_vnd")
	findError(t, errs, 4, "/preferred_kinds")
}

func TestReadJSONLLongLines(t *testing.T) {
	line := func(id string, size int) string {
		head := fmt.Sprintf(`{"id":%q,"kind":"startup","name":"N","description":"`, id)
		return head + strings.Repeat("a", size-len(head)-2) + `"}`
	}
	in := strings.Join([]string{
		line("st-1", 100),
		line("st-2", MaxLineBytes+1),
		line("st-3", MaxLineBytes),
		line("st-4", 3*MaxLineBytes),
		line("st-5", 100),
	}, "\n") + "\n"
	res := readMembers(t, []byte(in), JSONL)
	if res.err != nil {
		t.Fatal(res.err)
	}
	var good []string
	for _, r := range res.recs {
		good = append(good, fmt.Sprintf("%d %s", r.Row, r.Member.ID))
	}
	if want := []string{"1 st-1", "3 st-3", "5 st-5"}; !reflect.DeepEqual(good, want) {
		t.Errorf("good %v, want %v", good, want)
	}
	if want := []int{2, 4}; !reflect.DeepEqual(rowsOf(res.errs), want) {
		t.Errorf("error rows %v, want %v", rowsOf(res.errs), want)
	}
}

func TestReadJSONLBOM(t *testing.T) {
	res := readMembers(t, []byte("\ufeff{\"id\":\"st-1\",\"name\":\"Có BOM\"}\n"), JSONL)
	if res.err != nil || len(res.errs) > 0 || len(res.recs) != 1 || res.recs[0].Member.Name != "Có BOM" {
		t.Fatalf("%v %v %+v", res.err, res.errs, res.recs)
	}
}

func TestReadStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	_, err := ReadMembers(strings.NewReader("{\"id\":\"a\"}\n{\"id\":\"b\"}\n"), JSONL, func(MemberRecord) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("err %v after %d calls, want stop after 1", err, calls)
	}
}

func TestReadUnknownFormat(t *testing.T) {
	_, err := ReadMembers(strings.NewReader(""), "yaml", func(MemberRecord) error { return nil })
	if !errors.Is(err, models.ErrInvalid) {
		t.Errorf("err %v, want invalid", err)
	}
}
