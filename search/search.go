package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/hanoi-innovation/innonet/models"
)

// FacetCount is one value of a facet and how many hits have it.
type FacetCount = models.FacetCount

// maxOffset bounds how deep a client may page.
const maxOffset = 10000

// request is one search of one document type.
type request struct {
	docType   string
	text      string
	spec      textSpec
	filters   [][2]string // field, value: every one must match
	page      int
	perPage   int
	facets    []string         // facet names asked for
	facetDefs map[string]facet // known facet names
	stored    []string         // fields to load for highlights
	idPrefix  string           // document id prefix to strip
	fuzzy     bool             // typo tolerance on every word
	marks     map[string]bool  // set by run: folded words to highlight
	scale     *scaling         // weighs documents by a keyword
}

// scaling multiplies the text score of the documents whose field has value by factor.
type scaling struct {
	field, value string
	factor       float64
}

// facet is a facetable keyword field and how many values to return.
type facet struct {
	field string
	size  int
}

// hit is a search hit with its stored fields.
type hit struct {
	id      string
	score   float64
	sectors []string
	fields  map[string]any
	seg     int
	doc     uint32
}

// run executes r, retrying with typo tolerance when the text finds fewer than minHits documents.
func (ix *Index) run(ctx context.Context, r *request) ([]hit, uint64, map[string][]FacetCount, error) {
	p := models.Page{Page: r.page, PerPage: r.perPage}.Normalized()
	if p.Offset() > maxOffset {
		return nil, 0, map[string][]FacetCount{}, nil
	}
	v, err := ix.newView(ctx)
	if err != nil {
		return nil, 0, nil, err
	}
	defer v.close()
	var q *node
	blank := isBlank(r.text)
	if !blank {
		pl := ix.planIn(v, r)
		r.marks = pl.marks
		if q = pl.q; q == nil {
			q = termNode(fieldDocType, "\x00", 1) // matches nothing
		}
	}
	need := p.Offset() + p.PerPage
	feedback := !blank && ix.tune.feedback > 0 && need <= feedbackDepth
	if feedback {
		need = feedbackDepth
	}
	e := newRun(v, q, r.docType, r.filters, need)
	e.facets = map[string]facet{}
	for _, name := range r.facets {
		if f, ok := r.facetDefs[name]; ok {
			e.facets[name] = f
		}
	}
	if r.scale != nil && !blank {
		e.scale, e.factor = v.term(r.scale.field, r.scale.value), r.scale.factor
	}
	top, err := e.execute()
	if err != nil {
		return nil, 0, nil, fmt.Errorf("search: %w", err)
	}
	if !blank && !r.fuzzy && e.total < uint64(ix.tune.minHits) {
		r.fuzzy = true
		return ix.run(ctx, r)
	}
	hits := make([]hit, len(top))
	for i, t := range top {
		hits[i] = hit{score: t.score, seg: t.seg, doc: t.doc}
	}
	if feedback {
		for i := range hits {
			hits[i].sectors = v.segs[hits[i].seg].sectorsOf(hits[i].doc)
		}
		hits = sectorFeedback(hits, ix.tune.feedback, ix.tune.feedbackDocs)
	}
	hits = hits[min(len(hits), p.Offset()):min(len(hits), p.Offset()+p.PerPage)]
	for i := range hits {
		s := v.segs[hits[i].seg]
		hits[i].id = strings.TrimPrefix(s.docID(hits[i].doc), r.idPrefix)
		if len(r.stored) > 0 {
			hits[i].fields = s.stored(hits[i].doc, r.stored)
		}
	}
	return hits, e.total, e.fcount, nil
}

// plan builds the text query of r against the current snapshot of the index.
func (ix *Index) plan(ctx context.Context, r *request) (*plan, error) {
	v, err := ix.newView(ctx)
	if err != nil {
		return nil, err
	}
	defer v.close()
	return ix.planIn(v, r), nil
}

func (ix *Index) planIn(v *view, r *request) *plan {
	p := &planner{v: v, spec: r.spec, t: ix.tune, gloss: ix.gloss, fuzzy: r.fuzzy, docs: v.docs, marks: map[string]bool{}}
	return p.build(queryWords(r.text))
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
		for _, s := range hits[i].sectors {
			share[s] += w
		}
	}
	for i := range hits {
		var best float64
		for _, s := range hits[i].sectors {
			best = max(best, share[s]/total)
		}
		hits[i].score *= 1 + weight*best
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	return hits
}
