package search

import (
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// The engine runs query plans (node.go) on the segments of a Bleve (scorch) snapshot directly, instead of
// through Bleve's searchers, which walk and score every document that any retrieving clause matches: with
// Vietnamese syllables that is most of the corpus. It works in three steps:
//
//  1. Matching with bitmaps: each term's postings are a roaring bitmap in each segment, so the set of
//     documents a plan matches (and the total, and the facet counts against cached per-value bitmaps) is
//     bitmap algebra, without reading a posting's frequency or norm.
//  2. When more documents match than the plan needs ranked exactly, a cheap first ranking adds up each
//     retrieving term's score (exact for terms with few postings; for frequent ones, its BM25 score at
//     frequency 1 and a typical length, added over its bitmap) times its share in the plan (see shares),
//     scaled by the share of concepts matched, and keeps the best candidates.
//  3. The candidates are scored with the plan's exact formula, which is that of the Bleve queries this
//     engine replaced (BM25 as Bleve computes it, anyQuery's best + tie*rest, coordination): terms with
//     few postings are read with their frequencies and norms; very frequent terms, whose postings cost the
//     most to read and whose weight is the lowest, count at frequency 1 and the field's typical length.
//
// When the plan matches few documents (fewer than the candidates, as on the evaluation set) steps 2 and 3
// are exact: the ranking is the one Bleve's searchers gave. Per-segment facts that never change (facet
// value bitmaps, each document's sectors and update time) are cached per segment.
//
// Files: the snapshot, its segments and their caches in engine_view.go (decoded postings in postings.go),
// step 1 in engine_match.go, steps 2 and 3 in engine_rank.go, facet counts in engine_facets.go, and the
// listing by recency of a plan without text in engine_recent.go.

// Engine limits.
const (
	minCandidates = 400  // documents ranked exactly when more match
	exactPostings = 2048 // terms in at most this many documents, or exactShare of them, are read exactly
	exactShare    = 0.04
)

// run is one execution of a plan over the view.
type run struct {
	v      *view
	root   *node // nil: list by recency
	must   *node
	leaves []*node
	info   []*termInfo
	base   *termInfo   // document type
	filter []*termInfo // all must match
	scale  *termInfo   // documents whose score is multiplied by factor
	factor float64
	need   int              // documents to rank exactly, best first
	facets map[string]facet // facet name -> field
	// minCands and exactDF are minCandidates and exactPostings, set apart for tests.
	minCands, exactDF int
	shouldDF          float64           // scoring-only leaves in more than this share of documents skip the first pass
	match             []*roaring.Bitmap // per segment
	memo              []map[*node]*roaring.Bitmap
	total             uint64
	fcount            map[string][]FacetCount
}

// docScore is a document of a segment and its score.
type docScore struct {
	seg   int
	doc   uint32
	score float64
}

func newRun(v *view, q *node, docType string, filters [][2]string, need int) *run {
	r := &run{v: v, root: q, need: need, base: v.term(fieldDocType, docType), minCands: minCandidates,
		exactDF: max(exactPostings, int(exactShare*v.docs)), shouldDF: 0.05}
	if v.exhaustive {
		r.minCands, r.exactDF = math.MaxInt, math.MaxInt
	}
	for _, f := range filters {
		r.filter = append(r.filter, v.term(f[0], f[1]))
	}
	if q != nil {
		r.must = q
		if q.op == opBool {
			r.must = q.kids[0]
		}
		q.walk(func(n *node) {
			if n.op == opTerm {
				n.leaf = len(r.leaves)
				r.leaves = append(r.leaves, n)
				r.info = append(r.info, v.term(n.field, n.term))
			}
		})
	}
	return r
}

// execute matches, counts facets and ranks the best r.need documents.
func (r *run) execute() ([]docScore, error) {
	r.match = make([]*roaring.Bitmap, len(r.v.segs))
	for i := range r.v.segs {
		if err := r.v.ctx.Err(); err != nil {
			return nil, err
		}
		if m := r.matchSegment(i); m != nil && !m.IsEmpty() {
			r.match[i] = m
			r.total += m.GetCardinality()
		}
	}
	r.countFacets()
	if r.total == 0 || r.need <= 0 {
		return nil, nil
	}
	if r.root == nil {
		return r.recent(), nil
	}
	cands := r.candidates(max(r.need, r.minCands))
	return r.score(cands), nil
}
