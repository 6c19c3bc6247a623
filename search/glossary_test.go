package search

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestGlossaryMatch(t *testing.T) {
	g, err := DefaultGlossary()
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() < 300 {
		t.Errorf("glossary has %d groups", g.Len())
	}
	folded := strings.Fields(foldedKey(words("Air quality sensors")))
	spans := g.match(folded)
	if len(spans) != 1 || spans[0].to != 3 {
		t.Fatalf("spans %+v", spans)
	}
	var alts []string
	for _, a := range append(spans[0].alts, spans[0].subAlts...) {
		alts = append(alts, strings.Join(a, " "))
	}
	if !strings.Contains(strings.Join(alts, "|"), "chat luong khong khi") {
		t.Errorf("air quality expands to %v", alts)
	}
	if _, err := ParseGlossary(strings.NewReader("một | \n")); err == nil {
		t.Error("a one-form group was accepted")
	}
}

// TestGlossaryRelated: a topic expands to its related terms, which do not expand back.
func TestGlossaryRelated(t *testing.T) {
	g, err := ParseGlossary(strings.NewReader("ô nhiễm không khí | air pollution\n~ ô nhiễm không khí | bụi mịn | pm2.5\n"))
	if err != nil {
		t.Fatal(err)
	}
	joined := func(forms [][]string) string {
		var out []string
		for _, f := range forms {
			out = append(out, strings.Join(f, " "))
		}
		return strings.Join(out, "|")
	}
	spans := g.match(strings.Fields(foldedKey(words("ô nhiễm không khí"))))
	if len(spans) != 1 || joined(spans[0].alts) != "air pollution" || joined(spans[0].related) != "bui min|pm2.5" {
		t.Errorf("the topic: %+v", spans)
	}
	if spans := g.match([]string{"bui", "min"}); len(spans) != 0 {
		t.Errorf("a related term expands: %+v", spans)
	}
}

func TestCrossLanguage(t *testing.T) {
	ctx := context.Background()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	vi := member("st-vi", "AirSense", "Mạng cảm biến chất lượng không khí", "Đo bụi mịn theo phường.")
	en := member("st-en", "FloodWatch", "Flood early warning for urban drainage", "Water level sensors.")
	other := member("st-x", "Chợ QR", "Thanh toán QR cho tiểu thương", "")
	if err := ix.Apply(ctx, memberChanges([]*models.Member{vi, en, other}, 1)); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"air quality sensors": "st-vi", "cảnh báo ngập": "st-en", "canh bao ngap": "st-en"} {
		res, err := ix.SearchMembers(ctx, MemberQuery{Text: text})
		if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != want {
			t.Errorf("%q: %+v, %v; want %s first", text, res, err, want)
		}
	}
}

func TestSearchChallenges(t *testing.T) {
	ctx := context.Background()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	err := ix.Apply(ctx, []models.Change{
		{Seq: 1, Type: models.EntityChallenge, ID: "ch-1", Challenge: &models.Challenge{ID: "ch-1",
			Title: "Giảm ùn tắc tại nút giao", Description: "Tối ưu đèn tín hiệu giao thông giờ cao điểm.",
			Sectors: []string{"mobility"}, Status: models.ChallengeOpen}},
		{Seq: 2, Type: models.EntityChallenge, ID: "ch-2", Challenge: &models.Challenge{ID: "ch-2",
			Title: "Phân loại rác tại nguồn", Description: "Ứng dụng hướng dẫn người dân phân loại rác.",
			Sectors: []string{"waste_circular"}, Status: models.ChallengeClosed}},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.SearchChallenges(ctx, ChallengeQuery{Text: "den tin hieu giao thong", Facets: []string{"status"}})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "ch-1" {
		t.Fatalf("%+v, %v", res, err)
	}
	if h := res.Hits[0].Highlights["summary"]; len(h) != 1 || !strings.Contains(h[0], "<mark>đèn</mark>") {
		t.Errorf("highlights %v", res.Hits[0].Highlights)
	}
	res, err = ix.SearchChallenges(ctx, ChallengeQuery{Status: "closed"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "ch-2" {
		t.Errorf("closed: %+v, %v", res, err)
	}
	ms, err := ix.SearchMembers(ctx, MemberQuery{})
	if err != nil || ms.Total != 0 {
		t.Errorf("challenges listed as members: %+v, %v", ms, err)
	}
}
