package search

import (
	"context"
	"fmt"

	"github.com/hanoi-innovation/innonet/models"
)

// MatchRanker returns the ids of the members matched to a challenge, best first.
type MatchRanker func(ctx context.Context, c *models.Challenge) ([]string, error)

// EvaluateMatches ranks the solvers of every judged challenge and scores the rankings against the graded
// judgments (match_qrels.tsv) as Evaluate scores queries: nDCG@10, MRR@10 and Recall@50, per challenge and
// overall, with the challenges grouped by status in ByType. Challenges without judgments are skipped.
func EvaluateMatches(ctx context.Context, challenges []*models.Challenge, qrels Qrels, rank MatchRanker) (*EvalReport, error) {
	byID := make(map[string]*models.Challenge, len(challenges))
	var queries []EvalQuery
	for _, c := range challenges {
		if _, ok := qrels[c.ID]; !ok || byID[c.ID] != nil {
			continue
		}
		byID[c.ID] = c
		queries = append(queries, EvalQuery{ID: c.ID, Text: c.Title, Type: string(c.Status)})
	}
	if len(queries) == 0 {
		return nil, fmt.Errorf("search: no judged challenge among %d", len(challenges))
	}
	return Evaluate(ctx, queries, qrels, func(ctx context.Context, q EvalQuery) ([]string, error) {
		return rank(ctx, byID[q.ID])
	})
}
