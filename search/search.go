package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"

	"github.com/hanoi-innovation/innonet/models"
)

// FacetCount is one value of a facet and how many hits have it.
type FacetCount = models.FacetCount

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
	facets    []string                      // facet names asked for
	facetDefs map[string]facet              // known facet names
	stored    []string                      // fields to load for highlights
	idPrefix  string                        // document id prefix to strip
	fuzzy     bool                          // typo tolerance on every word
	marks     map[string]bool               // set by run: folded words to highlight
	scale     func(query.Query) query.Query // wraps the text query, to weigh documents by kind
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
	var q query.Query
	blank := isBlank(r.text)
	if blank {
		bq := query.NewBooleanQuery(nil, nil, nil)
		bq.AddFilter(query.NewConjunctionQuery(append([]query.Query{termQuery(fieldDocType, r.docType)}, r.filters...)))
		q = bq
	} else {
		pl, err := ix.plan(ctx, r)
		if err != nil {
			return nil, 0, nil, err
		}
		r.marks = pl.marks
		tq := pl.q
		if r.scale != nil {
			tq = r.scale(tq)
		}
		q = tq
		if len(r.filters) > 0 {
			bq := query.NewBooleanQuery([]query.Query{tq}, nil, nil)
			bq.AddFilter(query.NewConjunctionQuery(r.filters))
			q = bq
		}
	}
	size, from := p.PerPage, p.Offset()
	feedback := !blank && ix.tune.feedback > 0 && from+size <= feedbackDepth
	if feedback {
		size, from = feedbackDepth, 0
	}
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	req.Fields = r.stored
	if feedback {
		req.Fields = []string{fieldSectors}
	}
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
	if feedback {
		hits = sectorFeedback(hits, ix.tune.feedback, ix.tune.feedbackDocs)
		hits = hits[min(len(hits), p.Offset()):min(len(hits), p.Offset()+p.PerPage)]
		if err := ix.loadStored(ctx, hits, r); err != nil {
			return nil, 0, nil, err
		}
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

// feedbackDepth is how many top hits sector feedback re-ranks; deeper pages keep the index's order.
const feedbackDepth = 100

// sectorFeedback re-ranks hits by how well their sectors agree with the sectors of the best hits: the top
// results tell which sectors the query is about ("giao thông" in mobility, not logistics), a form of
// pseudo-relevance feedback. A hit's score grows by up to weight times its best sector's share.
func sectorFeedback(hits []hit, weight float64, top int) []hit {
	if len(hits) == 0 || hits[0].score <= 0 {
		return hits
	}
	share := map[string]float64{}
	var total float64
	for i := 0; i < len(hits) && i < top; i++ {
		w := hits[i].score / hits[0].score
		total += w
		for _, s := range fieldStrings(hits[i].fields[fieldSectors]) {
			share[s] += w
		}
	}
	for i := range hits {
		var best float64
		for _, s := range fieldStrings(hits[i].fields[fieldSectors]) {
			best = max(best, share[s]/total)
		}
		hits[i].score *= 1 + weight*best
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	return hits
}

// fieldStrings reads a stored field that holds one string or several.
func fieldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// loadStored fetches the stored fields of r for the hits, in one search by document id.
func (ix *Index) loadStored(ctx context.Context, hits []hit, r *request) error {
	if len(hits) == 0 || len(r.stored) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = r.idPrefix + h.id
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = r.stored
	req.Score = "none"
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("search: load fields: %w", err)
	}
	byID := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h.Fields
	}
	for i := range hits {
		hits[i].fields = byID[ids[i]]
	}
	return nil
}
