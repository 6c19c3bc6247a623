package search

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// The query and result types live in models, so that the use cases can name them.
type (
	MemberQuery   = models.MemberQuery
	MemberHit     = models.MemberHit
	MemberResults = models.MemberResults
)

func memberFacets() map[string]facet {
	return map[string]facet{
		"kind":   {field: fieldKind, size: 4},
		"sector": {field: fieldSectors, size: 30},
		"ward":   {field: fieldWard, size: 50},
		"stage":  {field: fieldStage, size: 5},
	}
}

// SearchMembers searches the published members. The text is never parsed as a query language: it is split
// into words, folded, expanded through the glossary and matched against names, headlines, skills,
// descriptions and sector labels.
func (ix *Index) SearchMembers(ctx context.Context, q MemberQuery) (*MemberResults, error) {
	r := &request{
		docType: typeMember, text: q.Text, spec: memberSpec(ix.tune), page: q.Page, perPage: q.PerPage,
		facets: q.Facets, facetDefs: memberFacets(), idPrefix: memberPrefix,
		stored: []string{fieldName, fieldHeadline, fieldDescription},
	}
	for field, v := range map[string]string{fieldKind: q.Kind, fieldSectors: q.Sector, fieldWard: q.Ward, fieldStage: q.Stage} {
		if v = keywordValue(v); v != "" {
			r.filters = append(r.filters, [2]string{field, v})
		}
	}
	if q.Verified != nil {
		r.filters = append(r.filters, [2]string{fieldVerified, boolTerm(*q.Verified)})
	}
	if ix.tune.agency != 1 {
		r.scale = &scaling{field: fieldKind, value: string(models.KindAgency), factor: ix.tune.agency}
	}
	hits, total, facets, err := ix.run(ctx, r)
	if err != nil {
		return nil, err
	}
	out := &MemberResults{Hits: make([]MemberHit, len(hits)), Total: total, Facets: facets}
	for i, h := range hits {
		out.Hits[i] = MemberHit{ID: h.id, Score: h.score, Highlights: highlights(h.fields, r.marks, r.stored)}
	}
	return out, nil
}

// boolTerm is how a boolean field is indexed (as Bleve's boolean fields are).
func boolTerm(b bool) string {
	if b {
		return "T"
	}
	return "F"
}
