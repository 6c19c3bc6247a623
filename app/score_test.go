package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

// glossary is a Concepts with one group of equivalent skills.
type glossary struct{}

func (glossary) SameConcept(a, b string) bool {
	same := func(s string) bool { return s == "computer vision" || s == "thị giác máy tính" }
	return a == b || same(a) && same(b)
}

func scoringChallenge() *models.Challenge {
	return &models.Challenge{
		ID: "ch-1", PostedBy: "ag-1", Title: "Điều khiển đèn tín hiệu thích ứng", Status: models.ChallengeOpen,
		Sectors:        []string{"mobility", "ai_data"},
		RequiredSkills: []string{"computer vision", "điều khiển đèn tín hiệu", "mô phỏng giao thông"},
		PreferredKinds: []models.Kind{models.KindStartup, models.KindExpert},
	}
}

func published(id string, kind models.Kind, sectors []string, skills ...string) *models.Member {
	return &models.Member{ID: id, Kind: kind, Name: id, Headline: "Giải pháp " + id, Status: models.ProfilePublished,
		Description: strings.Repeat("Mô tả hồ sơ đủ dài để được coi là đầy đủ. ", 3), Sectors: sectors, Skills: skills}
}

func TestScoreSpreadAndReasons(t *testing.T) {
	sc := app.Scorer{Taxonomy: models.MustTaxonomy(), Concepts: glossary{}}
	c := scoringChallenge()
	strong := published("st-1", models.KindStartup, []string{"mobility", "ai_data"},
		"thị giác máy tính", "điều khiển đèn tín hiệu", "mô phỏng giao thông")
	score, reasons := sc.Score(c, strong, models.Candidate{ID: "st-1", Relevance: 10, Matched: []string{"nút giao"}}, 10)
	if score < 80 {
		t.Errorf("strong match scored %d, want 80 or more", score)
	}
	if len(reasons) == 0 || reasons[0].Kind != "skill" || !strings.Contains(reasons[0].VI, "thị giác máy tính (computer vision)") {
		t.Errorf("first reason %+v, want the skills, the glossary equivalent named", reasons)
	}
	for _, r := range reasons {
		if r.VI == "" || r.EN == "" {
			t.Errorf("reason %+v is not in both languages", r)
		}
	}
	weak := published("st-2", models.KindStartup, []string{"fintech"}, "thanh toán qr")
	if score, reasons := sc.Score(c, weak, models.Candidate{ID: "st-2", Relevance: 1, Matched: []string{"giờ"}}, 10); score >= 40 || len(reasons) == 0 {
		t.Errorf("weak match scored %d with %v, want under 40 and a reason", score, reasons)
	}
}

func TestScoreCapsKindsNotPreferred(t *testing.T) {
	sc := app.Scorer{Taxonomy: models.MustTaxonomy(), Concepts: glossary{}}
	center := published("ic-1", models.KindInnovationCenter, []string{"mobility", "ai_data"},
		"computer vision", "điều khiển đèn tín hiệu", "mô phỏng giao thông")
	center.Verification = models.VerificationVerified
	score, reasons := sc.Score(scoringChallenge(), center, models.Candidate{ID: "ic-1", Relevance: 10}, 10)
	if score > 40 {
		t.Errorf("a center the challenge does not ask for scored %d, want 40 at most", score)
	}
	found := false
	for _, r := range reasons {
		found = found || r.Kind == "kind" && strings.Contains(r.EN, "prefers other kinds")
	}
	if !found {
		t.Errorf("reasons %+v do not say the kind is not preferred", reasons)
	}
}

func TestCoveredSkills(t *testing.T) {
	sc := app.Scorer{Concepts: glossary{}}
	m := published("st-1", models.KindStartup, nil, "thị giác máy tính", "giao thông", "mo phong giao thong do thi")
	got := sc.CoveredSkills(scoringChallenge().RequiredSkills, m)
	want := "computer vision|mô phỏng giao thông"
	if strings.Join(got, "|") != want {
		t.Errorf("covered %q, want %q (a broader skill covers only in part)", got, want)
	}
}

func TestRankSolversKeepsSolversOnly(t *testing.T) {
	c := scoringChallenge()
	members := map[string]*models.Member{
		"ag-1": published("ag-1", models.KindAgency, c.Sectors, c.RequiredSkills...),
		"ag-2": published("ag-2", models.KindAgency, c.Sectors, c.RequiredSkills...),
		"st-1": published("st-1", models.KindStartup, c.Sectors, "computer vision"),
		"st-2": published("st-2", models.KindStartup, c.Sectors, c.RequiredSkills...),
		"st-3": published("st-3", models.KindStartup, c.Sectors, c.RequiredSkills...),
	}
	members["st-3"].Status = models.ProfileDraft
	var cands []models.Candidate
	for i, id := range []string{"ag-1", "ag-2", "st-1", "st-2", "st-3", "gone"} {
		cands = append(cands, models.Candidate{ID: id, Relevance: float64(10 - i)})
	}
	lookup := func(_ context.Context, id string) (*models.Member, error) { return members[id], nil }
	ms, byID, err := app.Scorer{Taxonomy: models.MustTaxonomy()}.RankSolvers(context.Background(), c, cands, lookup)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.MemberID)
		if byID[m.MemberID] == nil || m.ChallengeID != c.ID {
			t.Errorf("match %+v without its member", m)
		}
	}
	if got := strings.Join(ids, ","); got != "st-2,st-1" {
		t.Errorf("ranked %s, want st-2,st-1: no agency, no draft, no missing member, more skills first", got)
	}
}
