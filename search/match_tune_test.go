package search

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

// TestMatchTuneSweep evaluates the whole matching pipeline (retrieval, then app.Scorer) on the dev split
// for each value of one retrieval parameter, for development: INNONET_MATCH_RETRIEVAL_TUNE="pair=1,1.5,2".
// Several parameters are separated by ";".
func TestMatchTuneSweep(t *testing.T) {
	spec := os.Getenv("INNONET_MATCH_RETRIEVAL_TUNE")
	if spec == "" {
		t.Skip("set INNONET_MATCH_RETRIEVAL_TUNE=param=v1,v2,...")
	}
	ix, members, cs := matchIndex(t)
	for _, m := range members {
		if m.Kind.IsOrganisation() {
			m.Verification = models.VerificationVerified
		}
	}
	qrels, err := LoadQrels(evalFile(t, "match_qrels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	sc := app.Scorer{Taxonomy: models.MustTaxonomy(), Concepts: ix}
	for _, part := range strings.Split(spec, ";") {
		name, values, _ := strings.Cut(part, "=")
		for _, v := range strings.Split(values, ",") {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			tune := defaultMatchTuning()
			for _, base := range strings.Split(os.Getenv("INNONET_MATCH_RETRIEVAL_BASE"), ",") {
				if k, val, ok := strings.Cut(base, ":"); ok {
					x, _ := strconv.ParseFloat(val, 64)
					setMatchTuning(&tune, k, x)
				}
			}
			if !setMatchTuning(&tune, name, f) {
				t.Fatalf("unknown parameter %q", name)
			}
			rank := func(ctx context.Context, c *models.Challenge) ([]string, error) {
				cands, err := ix.solversFor(ctx, c, 100, tune)
				if err != nil {
					return nil, err
				}
				ms, _, err := sc.RankSolvers(ctx, c, cands, func(_ context.Context, id string) (*models.Member, error) {
					return members[id], nil
				})
				ids := make([]string, len(ms))
				for i, m := range ms {
					ids[i] = m.MemberID
				}
				return ids, err
			}
			rep, err := EvaluateMatches(context.Background(), cs, qrels, rank)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := EvaluateMatches(context.Background(), cs, qrels, func(ctx context.Context, c *models.Challenge) ([]string, error) {
				cands, err := ix.solversFor(ctx, c, 100, tune)
				ids := make([]string, len(cands))
				for i, cd := range cands {
					ids[i] = cd.ID
				}
				return ids, err
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s=%-5s pipeline nDCG@10 %.3f (retrieval alone %.3f)", name, v, rep.Overall.NDCG10, raw.Overall.NDCG10)
		}
	}
}

func setMatchTuning(t *matchTuning, name string, v float64) bool {
	floats := map[string]*float64{
		"k1": &t.k1, "b": &t.b, "fieldTie": &t.fieldTie, "tag": &t.tag, "concept": &t.concept, "pair": &t.pair,
		"word": &t.word, "tagText": &t.tagText, "maxDFRatio": &t.maxDFRatio, "tagMaxDF": &t.tagMaxDF, "sector": &t.sector,
	}
	ints := map[string]*int{"words": &t.words, "pairs": &t.pairs, "concepts": &t.concepts}
	if p, ok := floats[name]; ok {
		*p = v
		return true
	}
	if p, ok := ints[name]; ok {
		*p = int(v)
		return true
	}
	return false
}
