package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"

	"github.com/hanoi-innovation/innonet/models"
)

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// maxOffset bounds how deep a client may page.
const maxOffset = 10000

// request is one search of one document type, before it becomes a Bleve request.
type request struct {
	docType   string
	text      string
	spec      textSpec
	filters   []query.Query
	page      int
	perPage   int
	facets    []string         // facet names asked for
	facetDefs map[string]facet // known facet names
	stored    []string         // fields to load for highlights
	idPrefix  string           // document id prefix to strip
	fuzzy     bool             // typo tolerance on every word
	marks     map[string]bool  // set by run: folded words to highlight
}

// facet is a facetable keyword field and how many values to return.
type facet struct {
	field string
	size  int
}

// hit is a search hit with its stored fields.
type hit struct {
	id     string
	score  float64
	fields map[string]any
}

// run executes r, retrying with typo tolerance when the text finds fewer than minHits documents.
func (ix *Index) run(ctx context.Context, r *request) ([]hit, uint64, map[string][]FacetCount, error) {
	p := models.Page{Page: r.page, PerPage: r.perPage}.Normalized()
	if p.Offset() > maxOffset {
		return nil, 0, map[string][]FacetCount{}, nil
	}
	filters := append([]query.Query{termQuery(fieldDocType, r.docType)}, r.filters...)
	var q query.Query
	blank := isBlank(r.text)
	if blank {
		bq := query.NewBooleanQuery(nil, nil, nil)
		bq.AddFilter(query.NewConjunctionQuery(filters))
		q = bq
	} else {
		pl, err := ix.plan(ctx, r)
		if err != nil {
			return nil, 0, nil, err
		}
		r.marks = pl.marks
		bq := query.NewBooleanQuery([]query.Query{pl.q}, nil, nil)
		bq.AddFilter(query.NewConjunctionQuery(filters))
		q = bq
	}
	req := bleve.NewSearchRequestOptions(q, p.PerPage, p.Offset(), false)
	req.Fields = r.stored
	if blank {
		req.SortBy([]string{"-" + fieldUpdatedAt, "_id"})
		req.Score = "none"
	}
	for _, name := range r.facets {
		if f, ok := r.facetDefs[name]; ok {
			req.AddFacet(name, bleve.NewFacetRequest(f.field, f.size))
		}
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("search: %w", err)
	}
	if !blank && !r.fuzzy && res.Total < uint64(ix.tune.minHits) {
		r.fuzzy = true
		return ix.run(ctx, r)
	}
	hits := make([]hit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = hit{id: strings.TrimPrefix(h.ID, r.idPrefix), score: h.Score, fields: h.Fields}
	}
	facets := map[string][]FacetCount{}
	for name, fr := range res.Facets {
		counts := []FacetCount{}
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		facets[name] = counts
	}
	return hits, res.Total, facets, nil
}

// plan builds the text query of r against the current snapshot of the index.
func (ix *Index) plan(ctx context.Context, r *request) (*plan, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer reader.Close()
	n, err := reader.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	p := &planner{
		ctx: ctx, r: reader, spec: r.spec, t: ix.tune, gloss: ix.gloss, fuzzy: r.fuzzy,
		docs: float64(n), dfs: map[string]uint64{}, marks: map[string]bool{},
	}
	return p.build(queryWords(r.text)), nil
}

func termQuery(field, value string) query.Query {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}

// keywordValue normalizes a filter value the way indexed keywords are.
func keywordValue(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }
