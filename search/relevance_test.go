package search

import (
	"context"
	"os"
	"sort"
	"testing"
)

// Floors under the figures measured on the dev split (see the package README): a change that loses more
// than a little relevance fails.
const (
	floorOverall = 0.84
	floorPerType = 0.74
)

func TestRelevanceDev(t *testing.T) {
	ix, _ := evalIndex(t)
	queries, err := LoadQueries(evalFile(t, "search_queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	qrels, err := LoadQrels(evalFile(t, "search_qrels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(context.Background(), queries, qrels, ix.MemberRanker())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev split, %d queries:\n%s", len(queries), rep.Table())
	if os.Getenv("INNONET_EVAL_VERBOSE") != "" {
		logPerQuery(t, queries, qrels, rep)
	}
	if rep.Overall.NDCG10 < floorOverall {
		t.Errorf("overall nDCG@10 %.3f < %.2f", rep.Overall.NDCG10, floorOverall)
	}
	for typ, m := range rep.ByType {
		if m.NDCG10 < floorPerType {
			t.Errorf("%s nDCG@10 %.3f < %.2f", typ, m.NDCG10, floorPerType)
		}
	}
	if a, u := rep.ByType["accented"].NDCG10, rep.ByType["unaccented"].NDCG10; u < a-0.03 {
		t.Errorf("unaccented nDCG@10 %.3f is more than 0.03 below accented %.3f", u, a)
	}
}

func logPerQuery(t *testing.T, queries []EvalQuery, qrels Qrels, rep *EvalReport) {
	for _, q := range queries {
		m := rep.PerQuery[q.ID]
		t.Logf("%s %-10s %.3f %.3f %.3f %q", q.ID, q.Type, m.NDCG10, m.MRR10, m.Recall50, q.Text)
		if m.NDCG10 >= 0.8 {
			continue
		}
		ids := rep.Rankings[q.ID]
		for i := 0; i < len(ids) && i < 10; i++ {
			g, ok := qrels[q.ID][ids[i]]
			mark := "-"
			if ok {
				mark = string(rune('0' + g))
			}
			t.Logf("    %2d %s %s", i+1, mark, ids[i])
		}
		var missed []string
		for id, g := range qrels[q.ID] {
			if g >= 2 && !contains(ids[:min(10, len(ids))], id) {
				missed = append(missed, id+":"+string(rune('0'+g)))
			}
		}
		sort.Strings(missed)
		t.Logf("    missed in top 10: %v", missed)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
