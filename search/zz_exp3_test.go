package search

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/hanoi-innovation/innonet/models"
)

// persistent 100k index for experiments
func expIndex(t *testing.T) *Index {
	dir := os.Getenv("EXP_DIR")
	if dir == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("EXP_N"))
	ix, err := Open(dir, models.MustTaxonomy(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := ix.DocCount(); int(c) < n {
		ms, _, _ := benchInput(t, n)
		for i := 0; i < len(ms); i += 5000 {
			if err := ix.Apply(context.Background(), memberChanges(ms[i:min(i+5000, len(ms))], int64(i+1))); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ix
}

func walkLeaves(q query.Query, depth int, f func(q query.Query, depth int)) {
	switch x := q.(type) {
	case *anyQuery:
		for _, c := range x.clauses {
			walkLeaves(c, depth+1, f)
		}
	case *query.BooleanQuery:
		if x.Must != nil {
			walkLeaves(x.Must, depth+1, f)
		}
		if x.Should != nil {
			walkLeaves(x.Should, depth+1, f)
		}
	case *query.ConjunctionQuery:
		for _, c := range x.Conjuncts {
			walkLeaves(c, depth+1, f)
		}
	case *query.DisjunctionQuery:
		for _, c := range x.Disjuncts {
			walkLeaves(c, depth+1, f)
		}
	default:
		f(q, depth)
	}
}

func TestExpPlanStats(t *testing.T) {
	ix := expIndex(t)
	defer ix.Close()
	queries, _ := LoadQueries(evalFile(t, "search_queries.jsonl"))
	ctx := context.Background()
	adv, _ := ix.bi.Advanced()
	r, _ := adv.Reader()
	defer r.Close()
	for _, q := range queries {
		req := &request{docType: typeMember, text: q.Text, spec: memberSpec(ix.tune)}
		pl, _ := ix.plan(ctx, req)
		var leaves, fuzzy int
		var post uint64
		var must, should uint64
		bq, _ := pl.q.(*query.BooleanQuery)
		count := func(qq query.Query) (n uint64) {
			walkLeaves(qq, 0, func(l query.Query, d int) {
				switch x := l.(type) {
				case *query.TermQuery:
					tfr, _ := r.TermFieldReader(ctx, []byte(x.Term), x.FieldVal, false, false, false)
					n += tfr.Count()
					tfr.Close()
					leaves++
				case *query.FuzzyQuery:
					fuzzy++
				}
			})
			return
		}
		if bq != nil {
			must = count(bq.Must)
			should = count(bq.Should)
		} else {
			must = count(pl.q)
		}
		post = must + should
		res, _ := ix.SearchMembers(ctx, MemberQuery{Text: q.Text, PerPage: 10})
		t.Logf("%-10s leaves %3d fuzzy %d postings must %7d should %7d total %7d hits %6d  %q", q.Type, leaves, fuzzy, must, should, post, res.Total, q.Text)
	}
}
