package search

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// loadChallenges reads a challenges.jsonl file.
func loadChallenges(t testing.TB, path string) []*models.Challenge {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*models.Challenge
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	base := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for sc.Scan() {
		var c models.Challenge
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		c.Normalize()
		c.UpdatedAt = base.Add(time.Duration(len(out)) * time.Minute)
		out = append(out, &c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func challengeChanges(cs []*models.Challenge, firstSeq int64) []models.Change {
	out := make([]models.Change, len(cs))
	for i, c := range cs {
		out[i] = models.Change{Seq: firstSeq + int64(i), Type: models.EntityChallenge, ID: c.ID, Challenge: c}
	}
	return out
}

// matchIndex indexes the evaluation members and challenges.
func matchIndex(t testing.TB) (*Index, map[string]*models.Member, []*models.Challenge) {
	t.Helper()
	ix, ms := evalIndex(t)
	cs := loadChallenges(t, evalFile(t, "challenges.jsonl"))
	if err := ix.Apply(context.Background(), challengeChanges(cs, int64(len(ms)+1))); err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]*models.Member, len(ms))
	for _, m := range ms {
		byID[m.ID] = m
	}
	return ix, byID, cs
}

func TestSolversFor(t *testing.T) {
	ix, members, cs := matchIndex(t)
	qrels, err := LoadQrels(evalFile(t, "match_qrels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var sum float64
	n := 0
	for _, c := range cs {
		cands, err := ix.SolversFor(ctx, c, 300)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(cands))
		for i, cand := range cands {
			ids[i] = cand.ID
			m := members[cand.ID]
			switch {
			case m == nil:
				t.Errorf("%s: unknown candidate %s", c.ID, cand.ID)
			case m.Kind == models.KindAgency || m.ID == c.PostedBy:
				t.Errorf("%s: candidate %s is an agency or the poster", c.ID, cand.ID)
			}
			if i > 0 && cand.Relevance > cands[i-1].Relevance {
				t.Errorf("%s: candidates out of order at %d", c.ID, i)
			}
			if len(cand.Matched) == 0 {
				t.Errorf("%s: candidate %s has no matched terms", c.ID, cand.ID)
			}
		}
		if judged, ok := qrels[c.ID]; ok {
			m := Score(ids, judged)
			sum += m.NDCG10
			n++
			if testing.Verbose() {
				t.Logf("%s retrieval nDCG@10 %.3f, %d candidates; first: %s %v", c.ID, m.NDCG10, len(cands), ids[0], cands[0].Matched)
			}
		}
	}
	if n > 0 {
		t.Logf("retrieval alone: mean nDCG@10 %.3f over %d challenges", sum/float64(n), n)
	}
}

func TestSolversForLeavesOutAgenciesAndPoster(t *testing.T) {
	ix, members, cs := matchIndex(t)
	c := *cs[0]
	c.Title += " " + members[c.PostedBy].Name
	c.Description += " " + members[c.PostedBy].Description
	cands, err := ix.SolversFor(context.Background(), &c, 20000)
	if err != nil {
		t.Fatal(err)
	}
	for _, cand := range cands {
		if m := members[cand.ID]; m.Kind == models.KindAgency {
			t.Fatalf("agency %s among the solvers", cand.ID)
		}
	}
	if len(cands) == 0 || len(cands) > len(members) {
		t.Fatalf("%d candidates of %d members", len(cands), len(members))
	}
}

func TestSolversForEnglishSkillFindsVietnameseProfile(t *testing.T) {
	ix, _, _ := matchIndex(t)
	c := &models.Challenge{ID: "ch-x", PostedBy: "ag-0001", Title: "Smart traffic lights",
		RequiredSkills: []string{"computer vision", "traffic simulation"}, Status: models.ChallengeOpen}
	cands, err := ix.SolversFor(context.Background(), c, 10)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, cand := range cands {
		if cand.ID == "ex-0001" {
			found = true
			if !slices.Contains(cand.Matched, "traffic simulation") {
				t.Errorf("ex-0001 matched %v, want the skill as the challenge names it", cand.Matched)
			}
		}
	}
	if !found {
		t.Errorf("ex-0001 (mô phỏng giao thông) not among %v", cands)
	}
}

func TestMatchedKeepsAccents(t *testing.T) {
	ix, _, cs := matchIndex(t)
	cands, err := ix.SolversFor(context.Background(), cs[0], 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) == 0 {
		t.Fatal("no candidates")
	}
	if got := strings.Join(cands[0].Matched, ", "); !strings.Contains(got, "điều khiển đèn tín hiệu") {
		t.Errorf("top candidate matched %q, want the accented skill", got)
	}
}

func TestChallengesForOpenOnly(t *testing.T) {
	ix, members, cs := matchIndex(t)
	status := map[string]models.ChallengeStatus{}
	for _, c := range cs {
		status[c.ID] = c.Status
	}
	ctx := context.Background()
	for _, id := range []string{"st-0001", "st-0055", "ex-0045", "ic-0015"} {
		cands, err := ix.ChallengesFor(ctx, members[id], 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) == 0 {
			t.Errorf("%s: no challenges", id)
		}
		for _, cand := range cands {
			if status[cand.ID] != models.ChallengeOpen {
				t.Errorf("%s: challenge %s is %q", id, cand.ID, status[cand.ID])
			}
		}
		if testing.Verbose() && len(cands) > 0 {
			t.Logf("%s -> %s %v", id, cands[0].ID, cands[0].Matched)
		}
	}
	if cands, err := ix.ChallengesFor(ctx, members["ag-0001"], 5); err != nil || len(cands) != 0 {
		t.Errorf("an agency got challenges %v (%v)", cands, err)
	}
}

func TestSameConcept(t *testing.T) {
	ix, err := Open(t.TempDir(), models.MustTaxonomy(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Thị giác máy tính", "computer vision", true},
		{"thi giac may tinh", "thị giác máy tính", true},
		{"sensors", "sensor", true},
		{"hoà nhập", "hòa nhập", true},
		{"computer vision", "mô phỏng giao thông", false},
		{"", "", false},
	} {
		if got := ix.SameConcept(tc.a, tc.b); got != tc.want {
			t.Errorf("SameConcept(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestMatchBudgetKeepsTheAskedSkills(t *testing.T) {
	ix, _, cs := matchIndex(t)
	tight := defaultMatchTuning()
	tight.budget, tight.budgetPerDoc = 0, 0
	cands, err := ix.solversFor(context.Background(), cs[0], 5, tight)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) == 0 || cands[0].ID != "st-0001" {
		t.Fatalf("with no postings budget, got %v; want st-0001 first through its required skills", cands)
	}
	for _, m := range cands[0].Matched {
		if !slices.Contains(cs[0].RequiredSkills, m) {
			t.Errorf("matched %q although only the required skills fit the budget", m)
		}
	}
}

func TestSolversForClosedChallengeAndLimits(t *testing.T) {
	ix, _, cs := matchIndex(t)
	ctx := context.Background()
	var closed *models.Challenge
	for _, c := range cs {
		if c.Status == models.ChallengeClosed {
			closed = c
			break
		}
	}
	if cands, err := ix.SolversFor(ctx, closed, 10); err != nil || len(cands) != 10 {
		t.Errorf("closed challenge %s: %d candidates (%v), want its matches on request", closed.ID, len(cands), err)
	}
	if cands, err := ix.SolversFor(ctx, cs[0], 0); err != nil || len(cands) != 0 {
		t.Errorf("limit 0: %v (%v)", cands, err)
	}
	empty := &models.Challenge{ID: "ch-empty", Title: "và của các", Status: models.ChallengeOpen}
	if cands, err := ix.SolversFor(ctx, empty, 10); err != nil || len(cands) != 0 {
		t.Errorf("a challenge of function words only: %v (%v)", cands, err)
	}
}
