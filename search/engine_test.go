package search

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hanoi-innovation/innonet/models"
)

// toBleve turns a plan into the Bleve queries the engine replaced (anyQuery and scaleQuery live in
// combine_test.go), so that Bleve's own searchers can check the engine's scores.
func toBleve(n *node) query.Query {
	kids := func() []query.Query {
		out := make([]query.Query, len(n.kids))
		for i, k := range n.kids {
			out[i] = toBleve(k)
		}
		return out
	}
	switch n.op {
	case opTerm:
		q := query.NewTermQuery(n.term)
		q.SetField(n.field)
		q.SetBoost(n.boost)
		return q
	case opAny:
		return &anyQuery{clauses: kids(), min: n.min, tie: n.tie, coord: n.coord}
	case opAll:
		return query.NewConjunctionQuery(kids())
	case opSum:
		return query.NewDisjunctionQuery(kids())
	default:
		var should []query.Query
		if len(n.kids) > 1 && n.kids[1] != nil {
			should = []query.Query{toBleve(n.kids[1])}
		}
		return query.NewBooleanQuery([]query.Query{toBleve(n.kids[0])}, should, nil)
	}
}

// TestEngineMatchesBleve runs every dev query's plan with the engine and with Bleve's searchers: the
// matches, their order and their scores (up to Bleve's query norm, one factor per query) must agree.
func TestEngineMatchesBleve(t *testing.T) {
	ix, _ := evalIndex(t)
	queries, err := LoadQueries(evalFile(t, "search_queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, eq := range queries {
		v, err := ix.newView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pl := ix.planIn(v, &request{docType: typeMember, text: eq.Text, spec: memberSpec(ix.tune)})
		e := newRun(v, pl.q, typeMember, nil, 50)
		e.scale, e.factor = v.term(fieldKind, string(models.KindAgency)), ix.tune.agency
		got, err := e.execute()
		if err != nil {
			t.Fatal(err)
		}
		gotIDs := make([]string, len(got))
		for i, h := range got {
			gotIDs[i] = v.segs[h.seg].docID(h.doc)
		}
		v.close()

		bq := query.NewBooleanQuery([]query.Query{&scaleQuery{q: toBleve(pl.q), when: termQuery(fieldKind, "agency"),
			factor: ix.tune.agency}}, nil, nil)
		bq.AddFilter(termQuery(fieldDocType, typeMember))
		req := bleve.NewSearchRequestOptions(bq, 50, 0, false)
		res, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != e.total || len(res.Hits) != len(got) {
			t.Errorf("%s %q: engine %d matches (%d ranked), Bleve %d (%d)", eq.ID, eq.Text, e.total, len(got), res.Total, len(res.Hits))
			continue
		}
		if len(got) == 0 {
			continue
		}
		norm := res.Hits[0].Score / got[0].score
		for i, h := range res.Hits {
			if math.Abs(got[i].score*norm-h.Score) > 1e-9*h.Score {
				// equal scores may come in another order
				if math.Abs(got[i].score*norm-h.Score) > 1e-9*h.Score || gotIDs[i] != h.ID {
					t.Errorf("%s %q #%d: engine %s %.6f, Bleve %s %.6f", eq.ID, eq.Text, i, gotIDs[i], got[i].score*norm, h.ID, h.Score)
					break
				}
			}
		}
	}
}

// TestRankingAtScale checks, on synthetic members, that ranking only the best candidates of the cheap
// first pass (and reading very frequent terms at frequency 1) keeps most of the exhaustive top 10.
func TestRankingAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 12,000 members")
	}
	ms, queries, _ := benchInput(t, 12000)
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	for i := 0; i < len(ms); i += 4000 {
		if err := ix.Apply(context.Background(), memberChanges(ms[i:min(i+4000, len(ms))], int64(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	top := func(text string) []string {
		res, err := ix.SearchMembers(ctx, MemberQuery{Text: text, PerPage: 10})
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		return ids
	}
	var sum float64
	var worst []string
	for _, q := range queries {
		ix.exhaustive = false
		fast := top(q.Text)
		ix.exhaustive = true
		exact := top(q.Text)
		common := 0
		for _, id := range fast {
			if contains(exact, id) {
				common++
			}
		}
		overlap := 1.0
		if len(exact) > 0 {
			overlap = float64(common) / float64(len(exact))
		}
		sum += overlap
		if overlap < 0.6 {
			worst = append(worst, q.Text)
		}
	}
	mean := sum / float64(len(queries))
	t.Logf("mean top-10 overlap with exhaustive ranking: %.3f; below 0.6: %q", mean, worst)
	if mean < 0.8 {
		t.Errorf("mean top-10 overlap %.3f < 0.8", mean)
	}
}

var _ = strings.TrimSpace
