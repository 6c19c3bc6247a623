package records

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/xuri/excelize/v2"
)

// workbook builds an XLSX file the way a person would in a spreadsheet: typed numbers, booleans and dates,
// and rows set by their number, with gaps.
func workbook(t *testing.T, rows map[int][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Thành viên"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Ghi chú"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("Ghi chú", "A1", &[]any{"not", "a", "header"}); err != nil {
		t.Fatal(err)
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for n, cells := range rows {
		for i, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(i+1, n)
			if err := f.SetCellValue("Thành viên", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				_ = f.SetCellStyle("Thành viên", cell, cell, date)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadMembersXLSX(t *testing.T) {
	data := workbook(t, map[int][]any{
		1: {"Id", "KIND", "name", "founded", "team_size", "verified", "skills"},
		2: {"st-1", "startup", "Tốt một", 2021, 18.0, nil, "iot; thị giác máy tính"},
		3: {"st-2", "startup", "Sai kiểu", "năm 2021", nil, nil, nil},
		4: {"ag-3", "agency", "Không xác minh", nil, nil, false, nil},
		6: {"st-5", "startup", "Sau một hàng trống", nil, 2.5, nil, nil},
		7: {nil, "startup", "Không có id"},
		8: {"ic-7", "innovation_center", "Tốt tám", nil, nil, "TRUE", nil},
	})
	res := readMembers(t, data, XLSX)
	if res.err != nil {
		t.Fatal(res.err)
	}
	var good []int
	for _, r := range res.recs {
		good = append(good, r.Row)
	}
	if want := []int{2, 4, 8}; !reflect.DeepEqual(good, want) {
		t.Errorf("good rows %v, want %v", good, want)
	}
	if want := []int{3, 6, 7}; !reflect.DeepEqual(rowsOf(res.errs), want) {
		t.Errorf("error rows %v, want %v\n%v", rowsOf(res.errs), want, res.errs)
	}
	findError(t, res.errs, 3, "founded")
	findError(t, res.errs, 6, "team_size")
	findError(t, res.errs, 7, "id")
	m := res.recs[0].Member
	if m.Founded != 2021 || m.TeamSize != 18 || !reflect.DeepEqual(m.Skills, []string{"iot", "thị giác máy tính"}) {
		t.Errorf("row 2 read as %+v", m)
	}
	if v := res.recs[1].Member.Verification; v != models.VerificationPending {
		t.Errorf("row 4 verification %q", v)
	}
	if v := res.recs[2].Member.Verification; v != models.VerificationVerified {
		t.Errorf("row 8 verification %q", v)
	}
}

func TestReadChallengesXLSXDates(t *testing.T) {
	data := workbook(t, map[int][]any{
		1: {"id", "title", "deadline", "budget_vnd"},
		2: {"ch-1", "Ngày kiểu ngày", time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), 1.8e9},
		3: {"ch-2", "Ngày kiểu chữ", "2027-07-01", nil},
	})
	recs, errs := readChallenges(t, data, XLSX)
	if len(errs) > 0 || len(recs) != 2 {
		t.Fatalf("%v %+v", errs, recs)
	}
	c := recs[0].Challenge
	if c.Deadline != "2027-06-30" || c.BudgetVND == nil || *c.BudgetVND != 1800000000 {
		t.Errorf("row 2: deadline %q budget %v", c.Deadline, c.BudgetVND)
	}
	if c := recs[1].Challenge; c.Deadline != "2027-07-01" || c.BudgetVND != nil {
		t.Errorf("row 3: deadline %q budget %v", c.Deadline, c.BudgetVND)
	}
}

func TestReadXLSXErrors(t *testing.T) {
	cases := []struct {
		name  string
		data  []byte
		words string
	}{
		{"not a workbook", []byte("PK\x03\x04 broken"), "not a readable XLSX workbook"},
		{"unknown column", workbook(t, map[int][]any{1: {"id", "tên"}}), `unknown columns "tên"`},
		{"no header", workbook(t, map[int][]any{2: {"id", "name"}}), "first row must be the header"},
		{"empty", workbook(t, nil), "empty"},
	}
	for _, c := range cases {
		res := readMembers(t, c.data, XLSX)
		if !errors.Is(res.err, models.ErrInvalid) || !strings.Contains(res.err.Error(), c.words) {
			t.Errorf("%s: err %v, want an invalid error saying %q", c.name, res.err, c.words)
		}
	}
}

func TestWriteXLSXLayout(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeMembers(t, XLSX, sampleMembers())))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"members"}) {
		t.Errorf("sheets %v", got)
	}
	for cell, want := range map[string]excelize.CellType{"K2": excelize.CellTypeUnset, "S5": excelize.CellTypeBool, "C2": excelize.CellTypeInlineString} {
		if got, _ := f.GetCellType("members", cell); got != want {
			t.Errorf("%s has type %v, want %v", cell, got, want)
		}
	}
	if got, _ := f.GetCellValue("members", "K2"); got != "2021" {
		t.Errorf("K2 (founded) %q", got)
	}
	if got, _ := f.GetCellValue("members", "A1"); got != "id" {
		t.Errorf("A1 %q", got)
	}
}
