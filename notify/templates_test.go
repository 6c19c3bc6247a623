package notify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func newTestRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := NewRenderer("https://innonet.test/", "InnoNet Hà Nội")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var testRecipient = Recipient{AccountID: "acc-1", Name: "Nguyễn Văn An", Email: "an@example.com", UnsubscribeToken: "tok/+1"}

func testItems(r *Renderer, n int) []Item {
	var items []Item
	for i := range n {
		items = append(items, r.ItemOf(&models.Notification{
			ChallengeID: fmt.Sprintf("ch-%d", i+1), Title: fmt.Sprintf("Số hóa hồ sơ %d", i+1), Score: 90 - i,
			Reasons: []models.Reason{{Kind: "skill", VI: "Có kỹ năng xử lý ảnh", EN: "Has image processing skills"}},
		}, "UBND phường Hoàn Kiếm"))
	}
	return items
}

// contains checks that every text contains every string.
func contains(t *testing.T, what string, texts []string, wants ...string) {
	t.Helper()
	for i, text := range texts {
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s part %d lacks %q:\n%s", what, i, w, text)
			}
		}
	}
}

func TestRendererMatchInBothLanguages(t *testing.T) {
	r := newTestRenderer(t)
	unsubscribe := "https://innonet.test/api/v1/notifications/unsubscribe?token=tok%2F%2B1"
	common := []string{"Số hóa hồ sơ 1", "UBND phường Hoàn Kiếm", "90/100", "https://innonet.test/challenges/ch-1",
		"https://innonet.test/settings/notifications"}
	for _, tc := range []struct {
		lang, subject, reason, greeting, unsubscribeHTML string
	}{
		{"vi", "Bài toán mới phù hợp với bạn: Số hóa hồ sơ 1", "Có kỹ năng xử lý ảnh", "Chào Nguyễn Văn An", "Hủy nhận email"},
		{"en", "A new challenge fits you: Số hóa hồ sơ 1", "Has image processing skills", "Hello Nguyễn Văn An", "Unsubscribe"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			got, err := r.Match(tc.lang, testRecipient, testItems(r, 1))
			if err != nil {
				t.Fatal(err)
			}
			if got.Subject != tc.subject {
				t.Errorf("Subject = %q, want %q", got.Subject, tc.subject)
			}
			if got.Unsubscribe != unsubscribe {
				t.Errorf("Unsubscribe = %q, want %q", got.Unsubscribe, unsubscribe)
			}
			contains(t, "email", []string{got.Text, got.HTML}, append(common, tc.reason, tc.greeting)...)
			contains(t, "text", []string{got.Text}, unsubscribe)
			contains(t, "html", []string{got.HTML}, strings.ReplaceAll(unsubscribe, "&", "&amp;"), tc.unsubscribeHTML,
				`<html lang="`+tc.lang+`">`)
		})
	}
}

func TestRendererMatchListsSeveralItems(t *testing.T) {
	r := newTestRenderer(t)
	vi, err := r.Match("vi", testRecipient, testItems(r, 3))
	if err != nil {
		t.Fatal(err)
	}
	en, err := r.Match("en", testRecipient, testItems(r, 3))
	if err != nil {
		t.Fatal(err)
	}
	if vi.Subject != "3 bài toán mới phù hợp với bạn" || en.Subject != "3 new challenges fit you" {
		t.Errorf("subjects = %q, %q", vi.Subject, en.Subject)
	}
	contains(t, "email", []string{vi.Text, vi.HTML, en.Text, en.HTML}, "Số hóa hồ sơ 1", "Số hóa hồ sơ 2", "Số hóa hồ sơ 3")
	if _, err := r.Match("vi", testRecipient, nil); err == nil {
		t.Error("a match email without items rendered")
	}
}

func TestRendererEscapesUserText(t *testing.T) {
	r := newTestRenderer(t)
	evil := `<script>alert("x")</script> & <b>bold</b>`
	items := []Item{{ChallengeID: "ch-1", ChallengeTitle: evil, AgencyName: "<img src=x onerror=alert(1)>",
		URL: "javascript:alert(1)", Score: 80, Reasons: []models.Reason{{VI: "<i>lý do</i>", EN: "<i>why</i>"}}}}
	to := testRecipient
	to.Name = "<b>An</b>"
	for _, lang := range []string{"vi", "en"} {
		got, err := r.Match(lang, to, items)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"<script>", "<img", "<b>", "<i>", "javascript:"} {
			if strings.Contains(got.HTML, bad) {
				t.Errorf("%s HTML contains unescaped %q", lang, bad)
			}
		}
		contains(t, lang+" html", []string{got.HTML}, "&lt;script&gt;", "&amp; &lt;b&gt;bold&lt;/b&gt;", "&lt;b&gt;An&lt;/b&gt;")
		contains(t, lang+" text", []string{got.Text}, evil)
	}
	status, err := r.InterestStatus("vi", to, InterestUpdate{Kind: models.Proposal, Status: models.InterestSelected,
		ChallengeTitle: evil, AgencyName: "<u>Sở</u>", URL: "https://innonet.test/challenges/ch-1"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(status.HTML, "<script>") || strings.Contains(status.HTML, "<u>") {
		t.Error("the interest email HTML contains unescaped user text")
	}
}

func TestRendererDigest(t *testing.T) {
	r := newTestRenderer(t)
	for _, tc := range []struct {
		lang    string
		freq    models.Frequency
		subject string
	}{
		{"vi", models.FrequencyDaily, "Bản tin hằng ngày: 2 bài toán phù hợp với bạn"},
		{"vi", models.FrequencyWeekly, "Bản tin hằng tuần: 2 bài toán phù hợp với bạn"},
		{"en", models.FrequencyDaily, "Your daily digest: 2 challenges fit you"},
		{"en", models.FrequencyWeekly, "Your weekly digest: 2 challenges fit you"},
	} {
		got, err := r.Digest(tc.lang, testRecipient, tc.freq, testItems(r, 2))
		if err != nil {
			t.Fatal(err)
		}
		if got.Subject != tc.subject {
			t.Errorf("%s %s: Subject = %q, want %q", tc.lang, tc.freq, got.Subject, tc.subject)
		}
		contains(t, tc.lang+" digest", []string{got.Text, got.HTML}, "Số hóa hồ sơ 1", "Số hóa hồ sơ 2",
			"https://innonet.test/notifications", "unsubscribe?token=")
	}
	one, _ := r.Digest("en", testRecipient, models.FrequencyDaily, testItems(r, 1))
	if one.Subject != "Your daily digest: 1 challenge fits you" {
		t.Errorf("Subject = %q", one.Subject)
	}
}

func TestRendererCapsLongLists(t *testing.T) {
	r := newTestRenderer(t)
	got, err := r.Digest("vi", testRecipient, models.FrequencyWeekly, testItems(r, maxListed+7))
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "digest", []string{got.Text, got.HTML}, "và 7 bài toán khác", fmt.Sprintf("Số hóa hồ sơ %d", maxListed))
	if strings.Contains(got.Text, fmt.Sprintf("Số hóa hồ sơ %d\n", maxListed+1)) {
		t.Error("the digest lists more than the cap")
	}
	if !strings.Contains(got.Subject, fmt.Sprint(maxListed)) {
		t.Errorf("Subject = %q", got.Subject)
	}
}

func TestRendererInterestStatus(t *testing.T) {
	r := newTestRenderer(t)
	for _, tc := range []struct {
		lang   string
		kind   models.InterestKind
		status models.InterestStatus
		want   string
	}{
		{"vi", models.Proposal, models.InterestSubmitted, "Công ty Alpha đã gửi đề xuất cho bài toán «Số hóa»"},
		{"vi", models.InterestOnly, models.InterestShortlisted, "Đăng ký quan tâm của bạn cho «Số hóa» đã vào danh sách rút gọn"},
		{"vi", models.Proposal, models.InterestSelected, "Đề xuất của bạn cho «Số hóa» đã được chọn"},
		{"vi", models.Proposal, models.InterestDeclined, "Đề xuất của bạn cho «Số hóa» chưa được chọn"},
		{"en", models.InterestOnly, models.InterestSubmitted, "Công ty Alpha sent an expression of interest for “Số hóa”"},
		{"en", models.Proposal, models.InterestShortlisted, "Your proposal for “Số hóa” was shortlisted"},
		{"en", models.Proposal, models.InterestSelected, "Your proposal for “Số hóa” was selected"},
		{"en", models.InterestOnly, models.InterestDeclined, "Your expression of interest for “Số hóa” was not selected"},
	} {
		got, err := r.InterestStatus(tc.lang, testRecipient, InterestUpdate{Kind: tc.kind, Status: tc.status,
			ChallengeTitle: "Số hóa", AgencyName: "Sở KH&CN", MemberName: "Công ty Alpha", URL: "https://innonet.test/challenges/ch-1"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Subject != tc.want {
			t.Errorf("%s %s %s: Subject = %q, want %q", tc.lang, tc.kind, tc.status, got.Subject, tc.want)
		}
		contains(t, "interest", []string{got.Text, got.HTML}, "https://innonet.test/challenges/ch-1", "Số hóa",
			"https://innonet.test/settings/notifications")
		if tc.status != models.InterestSubmitted {
			contains(t, "interest", []string{got.Text}, "Sở KH&CN")
			contains(t, "interest", []string{got.HTML}, "Sở KH&amp;CN")
		}
	}
}

func TestRendererLanguageAndToken(t *testing.T) {
	r := newTestRenderer(t)
	to := testRecipient
	to.UnsubscribeToken, to.Name = "", ""
	got, err := r.Match("fr", to, testItems(r, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Subject, "Bài toán mới") {
		t.Errorf("an unknown language did not fall back to Vietnamese: %q", got.Subject)
	}
	if got.Unsubscribe != "" || strings.Contains(got.Text+got.HTML, "unsubscribe") {
		t.Error("an unsubscribe link without a token")
	}
	contains(t, "email", []string{got.Text, got.HTML}, "Xin chào", "https://innonet.test/settings/notifications")
	if Language("EN ") != LangEN || Language("") != LangVI {
		t.Error("Language does not normalise")
	}
	onlyVI := []Item{{ChallengeTitle: "T", URL: "https://innonet.test/challenges/x", Reasons: []models.Reason{{VI: "chỉ tiếng Việt"}}}}
	en, _ := r.Match("en", testRecipient, onlyVI)
	contains(t, "email", []string{en.Text}, "chỉ tiếng Việt")
}

func TestRendererTextIsTidy(t *testing.T) {
	r := newTestRenderer(t)
	got, err := r.Match("vi", testRecipient, testItems(r, 2))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.Text, "\n\n\n") || strings.HasPrefix(got.Text, "\n") {
		t.Errorf("the text has stray blank lines:\n%s", got.Text)
	}
}

func TestRendererQuestionStatus(t *testing.T) {
	r := newTestRenderer(t)
	for _, tc := range []struct {
		lang     string
		answered bool
		subject  string
		body     string
	}{
		{"vi", false, "Có câu hỏi mới về bài toán «Số <hóa>»", "Câu hỏi được công khai khi bạn trả lời"},
		{"vi", true, "Câu hỏi của bạn về «Số <hóa>» đã được trả lời", "Sở KH&CN đã trả lời câu hỏi của bạn"},
		{"en", false, "A new question about your challenge “Số <hóa>”", "It becomes public when you answer it"},
		{"en", true, "Your question about “Số <hóa>” was answered", "Sở KH&CN answered your question"},
	} {
		got, err := r.QuestionStatus(tc.lang, testRecipient, QuestionNews{Answered: tc.answered, ChallengeTitle: "Số <hóa>",
			AgencyName: "Sở KH&CN", URL: "https://innonet.test/challenges/ch-1"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Subject != tc.subject {
			t.Errorf("%s answered=%v: Subject = %q, want %q", tc.lang, tc.answered, got.Subject, tc.subject)
		}
		contains(t, "question text", []string{got.Text}, tc.body, "https://innonet.test/challenges/ch-1")
		contains(t, "question html", []string{got.HTML}, "Số &lt;hóa&gt;", "https://innonet.test/challenges/ch-1")
		if strings.Contains(got.HTML, "<hóa>") {
			t.Errorf("%s: the HTML has unescaped user text", tc.lang)
		}
	}
}
