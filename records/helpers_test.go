package records

import (
	"bytes"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func ptr[T any](v T) *T { return &v }

// sampleMembers are members as an import produces them (published, verification set from the kind), one of
// each kind, with Vietnamese text and cells that are awkward in CSV.
func sampleMembers() []*models.Member {
	return []*models.Member{
		{
			ID: "st-0001", Kind: models.KindStartup, Name: "LuồngXanh AI",
			Headline:    "Tối ưu đèn tín hiệu giao thông, \"thời gian thực\"",
			Description: "Dòng một; có dấu chấm phẩy.\nDòng hai, có dấu phẩy.\nDòng ba.",
			Sectors:     []string{"mobility", "ai_data"}, Skills: []string{"thị giác máy tính", "computer vision"},
			Ward: "Cầu Giấy", Languages: []string{"vi", "en"},
			Stage: "seed", Founded: 2021, TeamSize: 18,
			Contact: models.Contact{Email: "lien.he@luongxanh.vn", Phone: "0912 345 678", Website: "https://luongxanh.vn",
				EmailVisibility: models.VisibilityPublic, PhoneVisibility: models.VisibilityPrivate},
			Status: models.ProfilePublished, Verification: models.VerificationNone,
		},
		{
			ID: "ex-0001", Kind: models.KindExpert, Name: "=HYPERLINK(\"http://x\")",
			Headline: "-giảm phát thải", Description: "'trích dẫn' và @nhắc tên",
			Sectors: []string{"energy"}, Skills: []string{"=1+1", "kiểm kê khí nhà kính"},
			Organization: "Đại học Bách khoa Hà Nội", Title: "PGS.TS", YearsExperience: 22, Ward: "'=không phải công thức",
			AvailableFor: []string{"mentoring", "research"},
			Status:       models.ProfilePublished, Verification: models.VerificationNone,
		},
		{
			ID: "ic-0001", Kind: models.KindInnovationCenter, Name: "Trung tâm Đổi mới Sáng tạo Hòa Lạc",
			Services: []string{"ươm tạo", "phòng thí nghiệm"}, Ward: "Hòa Lạc",
			Status: models.ProfilePublished, Verification: models.VerificationPending,
		},
		{
			ID: "ag-0001", Kind: models.KindAgency, Name: "Sở Khoa học và Công nghệ Hà Nội",
			Jurisdiction: "Thành phố Hà Nội", Description: "  khoảng trắng ở đầu và cuối  ",
			Contact: models.Contact{Website: "https://sokhcn.hanoi.gov.vn", WebsiteVisibility: models.VisibilityPublic},
			Status:  models.ProfilePublished, Verification: models.VerificationVerified,
		},
	}
}

// sampleChallenges are challenges as an import produces them.
func sampleChallenges() []*models.Challenge {
	return []*models.Challenge{
		{
			ID: "ch-001", PostedBy: "ag-0001", Title: "Cảnh báo ngập úng theo thời gian thực",
			Description: "Mỗi trận mưa lớn, nhiều tuyến phố bị ngập sâu 30–50 cm.\nCần mạng cảm biến.",
			Context:     "Phường Hà Đông", Constraints: "Ngân sách; thời gian", ExpectedOutcome: "+20 điểm đo",
			Sectors: []string{"environment", "iot_smart_city"}, RequiredSkills: []string{"iot", "cảm biến mực nước"},
			PreferredKinds: []models.Kind{models.KindStartup, models.KindExpert},
			BudgetVND:      ptr(int64(1800000000)), Deadline: "2027-06-30", Ward: "Hà Đông", Status: models.ChallengeOpen,
		},
		{
			ID: "ch-002", PostedBy: "ag-0002", Title: "Số hóa thủ tục hành chính",
			Description: "Không có ngân sách công bố.", BudgetVND: ptr(int64(0)), Status: models.ChallengeClosed,
		},
		{
			ID: "ch-003", PostedBy: "ag-0002", Title: "Bài toán chưa có ngân sách",
			Description: "budget_vnd là null.", Status: models.ChallengeDraft,
		},
	}
}

type memberResult struct {
	recs []MemberRecord
	errs []RowError
	err  error
}

func readMembers(t testing.TB, data []byte, f Format) memberResult {
	t.Helper()
	var res memberResult
	res.errs, res.err = ReadMembers(bytes.NewReader(data), f, func(r MemberRecord) error {
		res.recs = append(res.recs, r)
		return nil
	})
	return res
}

func readChallenges(t testing.TB, data []byte, f Format) ([]ChallengeRecord, []RowError) {
	t.Helper()
	var recs []ChallengeRecord
	errs, err := ReadChallenges(bytes.NewReader(data), f, func(r ChallengeRecord) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadChallenges(%s): %v", f, err)
	}
	return recs, errs
}

func writeMembers(t testing.TB, f Format, ms []*models.Member) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewMemberWriter(&buf, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if err := w.Write(m); err != nil {
			t.Fatalf("Write(%s): %v", m.ID, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeChallenges(t testing.TB, f Format, cs []*models.Challenge) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewChallengeWriter(&buf, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if err := w.Write(c); err != nil {
			t.Fatalf("Write(%s): %v", c.ID, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rowsOf returns the row numbers of errs, and the messages for failures.
func rowsOf(errs []RowError) []int {
	rows := make([]int, len(errs))
	for i, e := range errs {
		rows[i] = e.Row
	}
	return rows
}

// findError returns the error at row and field, or fails.
func findError(t *testing.T, errs []RowError, row int, field string) RowError {
	t.Helper()
	for _, e := range errs {
		if e.Row == row && e.Field == field {
			return e
		}
	}
	t.Fatalf("no error at row %d field %q in %v", row, field, errs)
	return RowError{}
}
