package search

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// The query and result types live in models.
type (
	ChallengeQuery   = models.ChallengeQuery
	ChallengeHit     = models.ChallengeHit
	ChallengeResults = models.ChallengeResults
)

func challengeFacets() map[string]facet {
	return map[string]facet{
		"status": {field: fieldStatus, size: 4},
		"sector": {field: fieldSectors, size: 30},
		"ward":   {field: fieldWard, size: 50},
	}
}

// SearchChallenges searches the challenges that are not drafts, as SearchMembers searches members.
func (ix *Index) SearchChallenges(ctx context.Context, q ChallengeQuery) (*ChallengeResults, error) {
	r := &request{
		docType: typeChallenge, text: q.Text, spec: challengeSpec(ix.tune), page: q.Page, perPage: q.PerPage,
		facets: q.Facets, facetDefs: challengeFacets(), idPrefix: challengePrefix,
		stored: []string{fieldTitle, fieldSummary},
	}
	for field, v := range map[string]string{fieldStatus: q.Status, fieldSectors: q.Sector, fieldWard: q.Ward} {
		if v = keywordValue(v); v != "" {
			r.filters = append(r.filters, [2]string{field, v})
		}
	}
	hits, total, facets, err := ix.run(ctx, r)
	if err != nil {
		return nil, err
	}
	out := &ChallengeResults{Hits: make([]ChallengeHit, len(hits)), Total: total, Facets: facets}
	for i, h := range hits {
		out.Hits[i] = ChallengeHit{ID: h.id, Score: h.score, Highlights: highlights(h.fields, r.marks, r.stored)}
	}
	return out, nil
}
