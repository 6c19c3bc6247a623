package search

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func member(id, name, headline, desc string) *models.Member {
	return &models.Member{
		ID: id, Kind: models.KindStartup, Name: name, Headline: headline, Description: desc,
		Sectors: []string{"mobility"}, Skills: []string{"computer vision"}, Ward: "Cầu Giấy", Stage: "seed",
		Status: models.ProfilePublished, UpdatedAt: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
	}
}

func TestApplyCheckpointReopen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	ix := openTestIndex(t, dir)
	if cp, err := ix.Checkpoint(); err != nil || cp != 0 {
		t.Fatalf("new index checkpoint = %d, %v", cp, err)
	}
	changes := []models.Change{
		{Seq: 7, Type: models.EntityMember, ID: "st-1", Member: member("st-1", "LuồngXanh AI", "Đèn tín hiệu giao thông", "")},
		{Seq: 9, Type: models.EntityMember, ID: "st-2", Member: member("st-2", "ParkEasy", "Bãi đỗ xe thông minh", "")},
	}
	if err := ix.Apply(ctx, changes); err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(ctx, changes[:1]); err != nil { // a replay must not move the checkpoint back
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = openTestIndex(t, dir)
	defer ix.Close()
	if cp, err := ix.Checkpoint(); err != nil || cp != 9 {
		t.Errorf("checkpoint after reopen = %d, %v; want 9", cp, err)
	}
	if n, err := ix.DocCount(); err != nil || n != 2 {
		t.Errorf("doc count after reopen = %d, %v; want 2", n, err)
	}
	res, err := ix.SearchMembers(ctx, MemberQuery{Text: "parkeasy"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "st-2" {
		t.Errorf("search after reopen: %+v, %v", res, err)
	}
}

func TestDeletesAndDraftsLeaveTheIndex(t *testing.T) {
	ctx := context.Background()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	a, b, c := member("st-a", "Alpha Giao Thông", "", ""), member("st-b", "Beta Giao Thông", "", ""),
		member("st-c", "Gamma Giao Thông", "", "")
	if err := ix.Apply(ctx, memberChanges([]*models.Member{a, b, c}, 1)); err != nil {
		t.Fatal(err)
	}
	draft := *b
	draft.Status = models.ProfileDraft
	err := ix.Apply(ctx, []models.Change{
		{Seq: 4, Type: models.EntityMember, ID: "st-a", Deleted: true},
		{Seq: 5, Type: models.EntityMember, ID: "st-b", Member: &draft},
		{Seq: 6, Type: models.EntityChallenge, ID: "ch-1", Challenge: &models.Challenge{ID: "ch-1", Title: "Giao thông", Status: models.ChallengeDraft}},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.SearchMembers(ctx, MemberQuery{Text: "giao thong"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "st-c" {
		t.Errorf("hits = %+v, want only st-c", res.Hits)
	}
	cs, err := ix.SearchChallenges(ctx, ChallengeQuery{Text: "giao thông"})
	if err != nil || cs.Total != 0 {
		t.Errorf("draft challenge found: %+v, %v", cs, err)
	}
}

func TestVersionMismatch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := openTestIndex(t, dir)
	if err := ix.bi.SetInternal(keyVersion, []byte("0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	_, err := Open(dir, models.MustTaxonomy(), Options{})
	if !errors.Is(err, ErrVersionMismatch) {
		t.Fatalf("Open of an old index: %v, want ErrVersionMismatch", err)
	}
	ix, err = Open(dir, models.MustTaxonomy(), Options{ResetOnMismatch: true})
	if err != nil {
		t.Fatalf("Open with reset: %v", err)
	}
	defer ix.Close()
	if cp, _ := ix.Checkpoint(); cp != 0 {
		t.Errorf("reset index checkpoint = %d", cp)
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := openTestIndex(t, dir)
	defer ix.Close()
	start := time.Now()
	_, err := Open(dir, models.MustTaxonomy(), Options{OpenTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "another") {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second Open took %v", d)
	}
}

func TestHighlightOriginalText(t *testing.T) {
	ctx := context.Background()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	m := member("st-1", "Giao Thông <Xanh> & Co", "Điều phối giao thông", "Camera đếm xe tại nút giao thông, giảm ùn tắc.")
	if err := ix.Apply(ctx, memberChanges([]*models.Member{m}, 1)); err != nil {
		t.Fatal(err)
	}
	res, err := ix.SearchMembers(ctx, MemberQuery{Text: "giao thong"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	h := res.Hits[0].Highlights
	if got, want := h["name"], []string{"<mark>Giao</mark> <mark>Thông</mark> &lt;Xanh&gt; &amp; Co"}; !equal(got, want) {
		t.Errorf("name highlight %q, want %q", got, want)
	}
	if got := h["description"]; len(got) != 1 || !strings.Contains(got[0], "nút <mark>giao</mark> <mark>thông</mark>") {
		t.Errorf("description highlight %q", got)
	}
	if got := HighlightText("Xe điện <b>", "xe dien"); got != "<mark>Xe</mark> <mark>điện</mark> &lt;b&gt;" {
		t.Errorf("HighlightText = %q", got)
	}
}

func TestOddQueries(t *testing.T) {
	ix, _ := evalIndex(t)
	ctx := context.Background()
	long := strings.Repeat("giao thông thông minh cho đô thị 🚦 ", 40)[:1000]
	for _, text := range []string{long, "🚀🔥💡", "\u200b\u202e\ufeff", "a OR b AND NOT c:d*", "\"unclosed", "+-&&||!(){}[]^~*?:\\/",
		strings.Repeat("x", 5000), "𝔤𝔦𝔞𝔬 𝔱𝔥𝔬𝔫𝔤", "\xff\xfe invalid utf8"} {
		start := time.Now()
		res, err := ix.SearchMembers(ctx, MemberQuery{Text: text, Facets: []string{"kind", "sector"}})
		if err != nil {
			t.Errorf("%.30q: %v", text, err)
			continue
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%.30q took %v", text, d)
		}
		_ = res
	}
}

func TestEveryMemberFoundByName(t *testing.T) {
	ix, ms := evalIndex(t)
	ctx := context.Background()
	var misses []string
	for _, m := range ms {
		for _, text := range []string{m.Name, Fold(m.Name)} {
			res, err := ix.SearchMembers(ctx, MemberQuery{Text: text, PerPage: 5})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, h := range res.Hits {
				found = found || h.ID == m.ID
			}
			if !found {
				misses = append(misses, m.ID+" "+text)
			}
		}
	}
	if len(misses) > 0 {
		t.Errorf("%d name queries miss their member in the top 5: %v", len(misses), misses)
	}
}

func TestFacetsFiltersAndRecency(t *testing.T) {
	ix, ms := evalIndex(t)
	ctx := context.Background()
	res, err := ix.SearchMembers(ctx, MemberQuery{Facets: []string{"kind", "sector", "ward", "stage"}, PerPage: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != uint64(len(ms)) || res.Hits[0].ID != ms[len(ms)-1].ID {
		t.Errorf("empty query: total %d, first %v; want %d, %s", res.Total, res.Hits, len(ms), ms[len(ms)-1].ID)
	}
	kinds := map[string]int{}
	for _, f := range res.Facets["kind"] {
		kinds[f.Value] = f.Count
	}
	if kinds["startup"] != 170 || kinds["expert"] != 90 || kinds["agency"] != 25 {
		t.Errorf("kind facet %v", res.Facets["kind"])
	}
	res, err = ix.SearchMembers(ctx, MemberQuery{Text: "giao thong", Kind: "expert", Sector: "mobility"})
	if err != nil || res.Total == 0 {
		t.Fatalf("%+v, %v", res, err)
	}
	for _, h := range res.Hits {
		if !strings.HasPrefix(h.ID, "ex-") {
			t.Errorf("kind filter let %s through", h.ID)
		}
	}
}

func TestSuggest(t *testing.T) {
	ix, _ := evalIndex(t)
	ctx := context.Background()
	if s, err := ix.Suggest(ctx, "p", 10); err != nil || len(s) != 0 {
		t.Errorf("one character: %v, %v", s, err)
	}
	s, err := ix.Suggest(ctx, "parke", 10)
	if err != nil || len(s) == 0 || s[0].Kind != SuggestMember || !strings.HasPrefix(s[0].Text, "ParkEasy") {
		t.Errorf("parke: %+v, %v", s, err)
	}
	s, err = ix.Suggest(ctx, "thi giac", 10)
	if err != nil || !hasSuggestion(s, SuggestSkill, "thị giác máy tính") {
		t.Errorf("thi giac: %+v, %v", s, err)
	}
	s, err = ix.Suggest(ctx, "giao th", 10)
	if err != nil || !hasSuggestion(s, SuggestSector, "Giao thông đô thị & di chuyển") {
		t.Errorf("giao th: %+v, %v", s, err)
	}
}

func hasSuggestion(s []Suggestion, kind, text string) bool {
	for _, x := range s {
		if x.Kind == kind && x.Text == text {
			return true
		}
	}
	return false
}

func equal(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }
