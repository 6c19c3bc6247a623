package search

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
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

// Engine limits.
const (
	minCandidates = 400  // documents ranked exactly when more match
	exactPostings = 2048 // terms in at most this many documents, or exactShare of them, are read exactly
	exactShare    = 0.04
)

// segCaches holds what the engine computed about segments that are still in use; segments are
// immutable, so the entries never go stale, they are only dropped with their segment.
type segCaches struct {
	mu     sync.Mutex
	m      map[segment.Segment]*segCache
	budget int64 // bytes of decoded postings kept across all segments
	// hits and misses count the lookups of decoded postings the caches answered and missed.
	hits, misses atomic.Uint64
}

type segCache struct {
	mu       sync.Mutex
	typLen   map[string]float64      // field -> typical field length of the documents that have it
	facets   map[string][]facetValue // keyword field -> its values and their documents
	tables   map[string]*facetTable
	updated  []string             // the updated_at term of each document
	postings map[string]*postings // field \x00 term -> its decoded postings
	held     int                  // postings held in postings
}

type facetValue struct {
	value string
	docs  *roaring.Bitmap
}

func (c *segCaches) get(seg segment.Segment, live []segment.Segment) *segCache {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[segment.Segment]*segCache{}
	}
	sc, ok := c.m[seg]
	if !ok {
		keep := make(map[segment.Segment]bool, len(live))
		for _, s := range live {
			keep[s] = true
		}
		for s := range c.m {
			if !keep[s] {
				delete(c.m, s)
			}
		}
		sc = &segCache{}
		c.m[seg] = sc
	}
	return sc
}

// view is one search's hold on an index snapshot: its segments, and the terms looked up so far.
type view struct {
	ctx         context.Context
	exhaustive  bool  // rank every match exactly (tests)
	cacheBudget int64 // bytes of decoded postings the segments may keep
	caches      *segCaches
	snap        *scorch.IndexSnapshot
	segs        []*segView
	docs        float64 // documents in the snapshot, as BM25's idf counts them
	terms       map[string]*termInfo
	avg         map[string]float64
}

type segView struct {
	ss      *scorch.SegmentSnapshot
	seg     segment.Segment
	deleted *roaring.Bitmap
	size    uint32 // document numbers are below size
	dicts   map[string]segment.TermDictionary
	cache   *segCache
}

// termInfo is a term of a field in every segment.
type termInfo struct {
	field, term string
	df          uint64
	pls         []segment.PostingsList // nil where the segment lacks the term
	counts      []uint64
	bms         []*roaring.Bitmap
	bmDone      []bool
}

var errNotScorch = errors.New("search: the index is not a scorch index")

// newView takes the current snapshot of the index; the caller must close the view.
func (ix *Index) newView(ctx context.Context) (*view, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		_ = r.Close()
		return nil, errNotScorch
	}
	n, err := snap.DocCount()
	if err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("search: %w", err)
	}
	v := &view{ctx: ctx, snap: snap, docs: float64(n), terms: map[string]*termInfo{}, avg: map[string]float64{},
		exhaustive: ix.exhaustive, cacheBudget: ix.caches.budget, caches: &ix.caches}
	segs := snap.Segments()
	live := make([]segment.Segment, len(segs))
	for i, ss := range segs {
		live[i] = ss.Segment()
	}
	for _, ss := range segs {
		seg := ss.Segment()
		v.segs = append(v.segs, &segView{ss: ss, seg: seg, deleted: ss.Deleted(), size: uint32(seg.Count()),
			dicts: map[string]segment.TermDictionary{}, cache: ix.caches.get(seg, live)})
	}
	return v, nil
}

func (v *view) close() { _ = v.snap.Close() }

func (s *segView) dict(field string) segment.TermDictionary {
	d, ok := s.dicts[field]
	if !ok {
		d, _ = s.seg.Dictionary(field)
		s.dicts[field] = d
	}
	return d
}

// term looks a term up in every segment.
func (v *view) term(field, term string) *termInfo {
	key := field + "\x00" + term
	if ti, ok := v.terms[key]; ok {
		return ti
	}
	ti := &termInfo{field: field, term: term, pls: make([]segment.PostingsList, len(v.segs)),
		counts: make([]uint64, len(v.segs)), bms: make([]*roaring.Bitmap, len(v.segs)), bmDone: make([]bool, len(v.segs))}
	for i, s := range v.segs {
		d := s.dict(field)
		if d == nil {
			continue
		}
		pl, err := d.PostingsList([]byte(term), s.deleted, nil)
		if err != nil || pl == nil {
			continue
		}
		if c := pl.Count(); c > 0 {
			ti.pls[i], ti.counts[i] = pl, c
			ti.df += c
		}
	}
	v.terms[key] = ti
	return ti
}

// bitmap returns the documents of the term in segment i (never to be modified), or nil.
func (ti *termInfo) bitmap(i int) *roaring.Bitmap {
	if ti.bmDone[i] {
		return ti.bms[i]
	}
	ti.bmDone[i] = true
	if ti.pls[i] == nil {
		return nil
	}
	it := ti.pls[i].Iterator(false, false, false, nil)
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if d, ok := o.DocNum1Hit(); ok {
			ti.bms[i] = roaring.BitmapOf(uint32(d))
		} else if bm := o.ActualBitmap(); bm != nil && !bm.IsEmpty() {
			ti.bms[i] = bm
		}
		return ti.bms[i]
	}
	bm := roaring.New()
	for p, err := it.Next(); err == nil && p != nil; p, err = it.Next() {
		bm.Add(uint32(p.Number()))
	}
	ti.bms[i] = bm
	return bm
}

// avgLen is BM25's average field length as Bleve computes it: the field's term count over the documents.
func (v *view) avgLen(field string) float64 {
	if a, ok := v.avg[field]; ok {
		return a
	}
	a := 1.0
	if c, err := v.snap.FieldCardinality(field); err == nil && v.docs > 0 {
		a = math.Max(1, math.Ceil(float64(c)/v.docs))
	}
	v.avg[field] = a
	return a
}

// fuzzy returns a node matching the terms of field within one edit of term whose first prefix bytes are
// term's, scored as Bleve's fuzzy query scores them; nil when there is none.
func (v *view) fuzzy(field, term string, prefix int, boost float64) *node {
	prefixTerm := term
	for i := range term {
		if i >= prefix {
			prefixTerm = term[:i]
			break
		}
	}
	fd, _, err := v.snap.FieldDictFuzzyAutomaton(field, term, 1, prefixTerm)
	if err != nil {
		return nil
	}
	defer fd.Close()
	var kids []*node
	for e, err := fd.Next(); err == nil && e != nil; e, err = fd.Next() {
		kids = append(kids, termNode(field, e.Term, boost/float64(e.EditDistance+1)))
		if len(kids) >= 64 {
			break
		}
	}
	switch {
	case len(kids) == 0:
		return nil
	case len(kids) == 1 && kids[0].term == term:
		kids[0].boost = boost
		return kids[0]
	}
	return &node{op: opSum, kids: kids}
}

// typLen returns the typical length of field in segment i, from the norms of up to 256 postings of ti.
func (v *view) typLen(i int, ti *termInfo) float64 {
	c := v.segs[i].cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if l, ok := c.typLen[ti.field]; ok {
		return l
	}
	var sum float64
	n := 0
	it := ti.pls[i].Iterator(true, true, false, nil)
	for p, err := it.Next(); err == nil && p != nil && n < 256; p, err = it.Next() {
		if nm := p.Norm(); nm > 0 {
			sum += 1 / (nm * nm)
			n++
		}
	}
	l := v.avgLen(ti.field)
	if n > 0 {
		l = sum / float64(n)
	}
	if c.typLen == nil {
		c.typLen = map[string]float64{}
	}
	c.typLen[ti.field] = l
	return l
}

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

// matchSegment returns the documents of segment i that the plan's must part and the filters match.
func (r *run) matchSegment(i int) *roaring.Bitmap {
	parts := []*roaring.Bitmap{r.base.bitmap(i)}
	for _, f := range r.filter {
		parts = append(parts, f.bitmap(i))
	}
	if r.must != nil {
		parts = append(parts, r.matchNode(r.must, i))
	}
	for _, p := range parts {
		if p == nil {
			return nil
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return roaring.FastAnd(parts...)
}

func (r *run) matchNode(n *node, i int) *roaring.Bitmap {
	if n.op == opTerm {
		return r.info[n.leaf].bitmap(i)
	}
	if r.memo == nil {
		r.memo = make([]map[*node]*roaring.Bitmap, len(r.v.segs))
	}
	if r.memo[i] == nil {
		r.memo[i] = map[*node]*roaring.Bitmap{}
	}
	if b, ok := r.memo[i][n]; ok {
		return b
	}
	b := r.matchNodeOnce(n, i)
	r.memo[i][n] = b
	return b
}

func (r *run) matchNodeOnce(n *node, i int) *roaring.Bitmap {
	switch n.op {
	case opTerm:
		return r.info[n.leaf].bitmap(i)
	case opAll:
		var parts []*roaring.Bitmap
		for _, k := range n.kids {
			b := r.matchNode(k, i)
			if b == nil {
				return nil
			}
			parts = append(parts, b)
		}
		return roaring.FastAnd(parts...)
	case opBool:
		return r.matchNode(n.kids[0], i)
	}
	var parts []*roaring.Bitmap
	for _, k := range n.kids {
		if b := r.matchNode(k, i); b != nil {
			parts = append(parts, b)
		}
	}
	min := 1
	if n.op == opAny {
		min = n.min
	}
	switch {
	case len(parts) < min:
		return nil
	case len(parts) == 1:
		return parts[0]
	case min <= 1:
		return roaring.FastOr(parts...)
	}
	// at[j] holds the documents that at least j of the parts seen so far match.
	at := make([]*roaring.Bitmap, min+1)
	for _, p := range parts {
		for j := min; j >= 2; j-- {
			if at[j-1] != nil {
				x := roaring.And(at[j-1], p)
				if at[j] == nil {
					at[j] = x
				} else {
					at[j].Or(x)
				}
			}
		}
		if at[1] == nil {
			at[1] = p.Clone()
		} else {
			at[1].Or(p)
		}
	}
	if at[min] == nil || at[min].IsEmpty() {
		return nil
	}
	return at[min]
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

// candidates returns up to k matched documents per segment, sorted by document: all of them when no more
// match, else the best k by a cheap estimate of their score.
func (r *run) candidates(k int) [][]uint32 {
	out := make([][]uint32, len(r.v.segs))
	if r.total <= uint64(k) {
		for i, m := range r.match {
			if m != nil {
				out[i] = m.ToArray()
			}
		}
		return out
	}
	shares := r.shares()
	var coordKids []*node
	if r.must.op == opAny && r.must.coord != 0 && len(r.must.kids) > 1 {
		coordKids = r.must.kids
	}
	coordTab := make([]float32, len(coordKids)+1)
	for j := range coordTab {
		coordTab[j] = 1
		if len(coordKids) > 0 {
			coordTab[j] = float32(math.Pow(float64(j)/float64(len(coordKids)), r.must.coord))
		}
	}
	h := &docHeap{}
	buf := make([]uint32, 256)
	for i, s := range r.v.segs {
		m := r.match[i]
		if m == nil {
			continue
		}
		accp := getScratch[float32](&accPool, int(s.size))
		defer accPool.Put(accp)
		acc := *accp
		for l, share := range shares {
			ti := r.info[l]
			if share == 0 || ti.counts[i] == 0 {
				continue
			}
			if ti.df <= uint64(r.exactDF) {
				// Few postings: add their exact scores.
				p, w := r.v.postings(i, ti), share*r.weight(l)
				for j, d := range p.docs {
					acc[d] += float32(w * p.tf[j])
				}
				continue
			}
			w := float32(share * r.presenceScore(r.leaves[l], -1))
			bm := ti.bitmap(i)
			if bm == nil {
				continue
			}
			it := bm.ManyIterator()
			for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
				for _, d := range buf[:n] {
					acc[d] += w
				}
			}
		}
		var cnt []uint8
		if len(coordKids) > 0 {
			cntp := getScratch[uint8](&cntPool, int(s.size))
			defer cntPool.Put(cntp)
			cnt = *cntp
			for _, kid := range coordKids {
				bm := r.matchNode(kid, i)
				if bm == nil {
					continue
				}
				it := bm.ManyIterator()
				for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
					for _, d := range buf[:n] {
						if cnt[d] < 255 {
							cnt[d]++
						}
					}
				}
			}
		}
		if r.scale != nil {
			if bm := r.scale.bitmap(i); bm != nil {
				it := bm.ManyIterator()
				for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
					for _, d := range buf[:n] {
						acc[d] *= float32(r.factor)
					}
				}
			}
		}
		it := m.ManyIterator()
		for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
			for _, d := range buf[:n] {
				sc := acc[d]
				if cnt != nil {
					sc *= coordTab[min(int(cnt[d]), len(coordTab)-1)]
				}
				if h.Len() < k {
					heap.Push(h, docScore{seg: i, doc: d, score: float64(sc)})
				} else if float64(sc) > (*h)[0].score {
					(*h)[0] = docScore{seg: i, doc: d, score: float64(sc)}
					heap.Fix(h, 0)
				}
			}
		}
	}
	for _, c := range *h {
		out[c.seg] = append(out[c.seg], c.doc)
	}
	for i := range out {
		slices.Sort(out[i])
	}
	return out
}

// Scratch arrays of the first pass, one entry per document of a segment. The pools only recycle memory:
// nothing in them outlives a query.
var accPool, cntPool sync.Pool

// getScratch returns a zeroed slice of n elements from the pool.
func getScratch[T float32 | uint8](p *sync.Pool, n int) *[]T {
	if b, ok := p.Get().(*[]T); ok && cap(*b) >= n {
		*b = (*b)[:n]
		clear(*b)
		return b
	}
	b := make([]T, n)
	return &b
}

// shares gives each leaf that retrieves documents (and each scoring leaf in at most shouldDF of the
// documents) its share of a document's score in the first pass: the product of the multipliers on its
// path, where a clause that keeps its best child and tie times the others counts each child at
// (1+tie)/2, and Bleve's disjunction divides by its number of children. Other leaves get 0.
func (r *run) shares() []float64 {
	share := make([]float64, len(r.leaves))
	var walk func(n *node, mult float64, scoring bool)
	walk = func(n *node, mult float64, scoring bool) {
		switch n.op {
		case opTerm:
			ti := r.info[n.leaf]
			if ti.df == 0 || scoring && float64(ti.df) > r.shouldDF*r.v.docs {
				return
			}
			share[n.leaf] += mult
		case opAny:
			m := mult
			if n.tie < 1 {
				m *= (1 + n.tie) / 2
			}
			for _, k := range n.kids {
				walk(k, m, scoring)
			}
		case opSum:
			for _, k := range n.kids {
				walk(k, mult/float64(len(n.kids)), scoring)
			}
		case opAll:
			for _, k := range n.kids {
				walk(k, mult, scoring)
			}
		case opBool:
			walk(n.kids[0], mult, scoring)
			if len(n.kids) > 1 {
				walk(n.kids[1], mult, true)
			}
		}
	}
	walk(r.root, 1, false)
	return share
}

// presenceScore is a leaf's score at frequency 1 and the field's typical length in segment i (the
// largest segment holding the term when i < 0).
func (r *run) presenceScore(n *node, i int) float64 {
	ti := r.info[n.leaf]
	if i < 0 {
		for j := range r.v.segs {
			if ti.counts[j] > 0 && (i < 0 || ti.counts[j] > ti.counts[i]) {
				i = j
			}
		}
		if i < 0 {
			return 0
		}
	}
	return bm25(idf(r.v.docs, ti.df), n.boost, 1, r.v.typLen(i, ti), r.v.avgLen(ti.field))
}

// score computes the plan's score of the candidates and returns the best r.need, best first.
func (r *run) score(cands [][]uint32) []docScore {
	var out []docScore
	for i, docs := range cands {
		if len(docs) == 0 {
			continue
		}
		sc := make([]float64, len(r.leaves)*len(docs))
		var cands *roaring.Bitmap
		for l, n := range r.leaves {
			ti := r.info[l]
			if ti.counts[i] == 0 {
				continue
			}
			row := sc[l*len(docs) : (l+1)*len(docs)]
			if ti.df <= uint64(r.exactDF) || ti.counts[i] <= uint64(len(docs)) {
				r.exactLeaf(l, i, docs, row)
				continue
			}
			if cands == nil {
				cands = roaring.BitmapOf(docs...)
			}
			p := r.presenceScore(n, i)
			forEach(roaring.And(ti.bitmap(i), cands), func(d uint32) {
				j, _ := slices.BinarySearch(docs, d)
				row[j] = p
			})
		}
		e := evaluator{sc: sc, n: len(docs)}
		for j, d := range docs {
			s, ok := e.eval(r.root, j)
			if !ok {
				continue
			}
			out = append(out, docScore{seg: i, doc: d, score: s})
		}
		if r.scale != nil {
			if bm := r.scale.bitmap(i); bm != nil {
				for k := len(out) - 1; k >= 0 && out[k].seg == i; k-- {
					if bm.Contains(out[k].doc) {
						out[k].score *= r.factor
					}
				}
			}
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].score != out[b].score {
			return out[a].score > out[b].score
		}
		if out[a].seg != out[b].seg {
			return out[a].seg < out[b].seg
		}
		return out[a].doc < out[b].doc
	})
	return out[:min(len(out), r.need)]
}

// weight is leaf l's BM25 weight: what its saturated frequency is multiplied by.
func (r *run) weight(l int) float64 {
	return weight(idf(r.v.docs, r.info[l].df), r.leaves[l].boost)
}

// exactLeaf writes the exact score of leaf l of each candidate of segment i that has it.
func (r *run) exactLeaf(l, i int, docs []uint32, row []float64) {
	p, w := r.v.postings(i, r.info[l]), r.weight(l)
	j := 0
	for k, d := range p.docs {
		for j < len(docs) && docs[j] < d {
			j++
		}
		if j == len(docs) {
			return
		}
		if docs[j] == d {
			row[j] = w * p.tf[k]
		}
	}
}

// evaluator computes a plan's score of one candidate from its leaves' scores.
type evaluator struct {
	sc []float64 // leaf l, candidate j at l*n+j; 0 when the candidate lacks the leaf
	n  int
}

func (e *evaluator) eval(nd *node, j int) (float64, bool) {
	switch nd.op {
	case opTerm:
		s := e.sc[nd.leaf*e.n+j]
		return s, s > 0
	case opAll:
		var sum float64
		for _, k := range nd.kids {
			s, ok := e.eval(k, j)
			if !ok {
				return 0, false
			}
			sum += s
		}
		return sum, true
	case opBool:
		s, ok := e.eval(nd.kids[0], j)
		if !ok {
			return 0, false
		}
		if len(nd.kids) > 1 && nd.kids[1] != nil {
			if s2, ok := e.eval(nd.kids[1], j); ok {
				s += s2
			}
		}
		return s, true
	}
	var sum, best float64
	matched := 0
	for _, k := range nd.kids {
		if s, ok := e.eval(k, j); ok {
			matched++
			sum += s
			best = math.Max(best, s)
		}
	}
	if nd.op == opSum {
		if matched == 0 {
			return 0, false
		}
		return sum * float64(matched) / float64(len(nd.kids)), true
	}
	if matched < nd.min {
		return 0, false
	}
	s := best + nd.tie*(sum-best)
	if nd.coord != 0 {
		s *= math.Pow(float64(matched)/float64(len(nd.kids)), nd.coord)
	}
	return s, true
}

// forEach calls f with each document of bm, in order.
func forEach(bm *roaring.Bitmap, f func(uint32)) {
	if bm == nil {
		return
	}
	var buf [256]uint32
	it := bm.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		for _, d := range buf[:n] {
			f(d)
		}
	}
}

type docHeap []docScore

func (h docHeap) Len() int           { return len(h) }
func (h docHeap) Less(i, j int) bool { return h[i].score < h[j].score }
func (h docHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *docHeap) Push(x any)        { *h = append(*h, x.(docScore)) }
func (h *docHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// countFacets counts, for each facet asked for, the matched documents of each value.
func (r *run) countFacets() {
	r.fcount = map[string][]FacetCount{}
	for name, f := range r.facets {
		counts := map[string]int{}
		for i, s := range r.v.segs {
			m := r.match[i]
			if m == nil {
				continue
			}
			t := s.facetTable(f.field)
			if t.single != nil {
				n := make([]int, len(t.values)+1)
				forEach(m, func(d uint32) { n[t.single[d]]++ })
				for k, c := range n[1:] {
					if c > 0 {
						counts[t.values[k].value] += c
					}
				}
				continue
			}
			if t.masks == nil {
				for k, fv := range t.values {
					if c := m.AndCardinality(fv.docs); c > 0 {
						counts[t.values[k].value] += int(c)
					}
				}
				continue
			}
			n := make([]int, len(t.values))
			forEach(m, func(d uint32) {
				for x := t.masks[d]; x != 0; x &= x - 1 {
					n[bits.TrailingZeros64(x)]++
				}
			})
			for k, c := range n {
				if c > 0 {
					counts[t.values[k].value] += c
				}
			}
		}
		out := make([]FacetCount, 0, len(counts))
		for v, c := range counts {
			out = append(out, FacetCount{Value: v, Count: c})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Value < out[j].Value
		})
		r.fcount[name] = out[:min(len(out), f.size)]
	}
}

// facetTable is a keyword field's values in a segment and each document's values, so that counting is one
// pass over the matched documents: the value's number (plus one) when no document has two values, else a
// bit mask when the field has at most 64 values.
type facetTable struct {
	values []facetValue
	single []uint16
	masks  []uint64
}

// facetTable returns the facet table of a field in the segment.
func (s *segView) facetTable(field string) *facetTable {
	fvs := s.facetValues(field)
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.tables[field]; ok {
		return t
	}
	t := &facetTable{values: fvs}
	var total uint64
	for _, fv := range fvs {
		total += fv.docs.GetCardinality()
	}
	switch {
	case len(fvs) < math.MaxUint16 && total == roaring.FastOr(bitmapsOf(fvs)...).GetCardinality():
		t.single = make([]uint16, s.size)
		for k, fv := range fvs {
			forEach(fv.docs, func(d uint32) { t.single[d] = uint16(k + 1) })
		}
	case len(fvs) <= 64:
		t.masks = make([]uint64, s.size)
		for k, fv := range fvs {
			forEach(fv.docs, func(d uint32) { t.masks[d] |= 1 << k })
		}
	}
	if c.tables == nil {
		c.tables = map[string]*facetTable{}
	}
	c.tables[field] = t
	return t
}

// facetValues returns the values of a keyword field in the segment and their documents, deleted ones
// included (the matched documents never include them).
func (s *segView) facetValues(field string) []facetValue {
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if fv, ok := c.facets[field]; ok {
		return fv
	}
	var out []facetValue
	if d := s.dict(field); d != nil {
		it := d.AutomatonIterator(nil, nil, nil)
		for e, err := it.Next(); err == nil && e != nil; e, err = it.Next() {
			pl, err := d.PostingsList([]byte(e.Term), nil, nil)
			if err != nil {
				continue
			}
			ti := &termInfo{pls: []segment.PostingsList{pl}, bms: make([]*roaring.Bitmap, 1), bmDone: make([]bool, 1)}
			if bm := ti.bitmap(0); bm != nil {
				out = append(out, facetValue{value: e.Term, docs: bm})
			}
		}
	}
	if c.facets == nil {
		c.facets = map[string][]facetValue{}
	}
	c.facets[field] = out
	return out
}

func bitmapsOf(fvs []facetValue) []*roaring.Bitmap {
	out := make([]*roaring.Bitmap, len(fvs))
	for i, fv := range fvs {
		out[i] = fv.docs
	}
	return out
}

// sectorsOf returns a document's sectors.
func (s *segView) sectorsOf(doc uint32) []string {
	t := s.facetTable(fieldSectors)
	if t.single != nil {
		if k := t.single[doc]; k > 0 {
			return []string{t.values[k-1].value}
		}
		return nil
	}
	if t.masks == nil {
		var out []string
		for _, fv := range t.values {
			if fv.docs.Contains(doc) {
				out = append(out, fv.value)
			}
		}
		return out
	}
	var out []string
	for x := t.masks[doc]; x != 0; x &= x - 1 {
		out = append(out, t.values[bits.TrailingZeros64(x)].value)
	}
	return out
}

// recent ranks the matched documents by update time, newest first, then by id.
func (r *run) recent() []docScore {
	type rec struct {
		docScore
		at string
	}
	// The need newest update times, in a min-heap by time; then every document as recent as the oldest
	// of them, since equal times are ordered by id.
	var h timeHeap
	for i, s := range r.v.segs {
		up := s.updatedTimes()
		forEach(r.match[i], func(d uint32) {
			if len(h) < r.need {
				heap.Push(&h, up[d])
			} else if up[d] > h[0] {
				h[0] = up[d]
				heap.Fix(&h, 0)
			}
		})
	}
	if len(h) == 0 {
		return nil
	}
	oldest := h[0]
	var top []rec
	for i, s := range r.v.segs {
		up := s.updatedTimes()
		forEach(r.match[i], func(d uint32) {
			if up[d] >= oldest {
				top = append(top, rec{docScore: docScore{seg: i, doc: d}, at: up[d]})
			}
		})
	}
	ids := make([]string, len(top))
	for k, x := range top {
		ids[k] = r.v.segs[x.seg].docID(x.doc)
	}
	idx := make([]int, len(top))
	for k := range idx {
		idx[k] = k
	}
	sort.Slice(idx, func(a, b int) bool {
		if top[idx[a]].at != top[idx[b]].at {
			return top[idx[a]].at > top[idx[b]].at
		}
		return ids[idx[a]] < ids[idx[b]]
	})
	out := make([]docScore, 0, r.need)
	for _, k := range idx[:min(r.need, len(idx))] {
		out = append(out, top[k].docScore)
	}
	return out
}

type timeHeap []string

func (h timeHeap) Len() int           { return len(h) }
func (h timeHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h timeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *timeHeap) Push(x any)        { *h = append(*h, x.(string)) }
func (h *timeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// updatedTimes returns the updated_at term of every document of the segment.
func (s *segView) updatedTimes() []string {
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.updated != nil {
		return c.updated
	}
	up := make([]string, s.size)
	if dv, ok := s.seg.(segment.DocValueVisitable); ok {
		var state segment.DocVisitState
		fields := []string{fieldUpdatedAt}
		for d := uint32(0); d < s.size; d++ {
			state, _ = dv.VisitDocValues(uint64(d), fields, func(_ string, term []byte) {
				up[d] = string(term)
			}, state)
		}
	}
	c.updated = up
	return up
}

func (s *segView) docID(doc uint32) string {
	id, err := s.ss.DocID(uint64(doc))
	if err != nil {
		return ""
	}
	return string(id)
}

// stored returns the named stored text fields of a document.
func (s *segView) stored(doc uint32, names []string) map[string]any {
	out := make(map[string]any, len(names))
	_ = s.ss.VisitDocument(uint64(doc), func(field string, typ byte, value []byte, _ []uint64) bool {
		if typ == 't' && slices.Contains(names, field) {
			out[field] = string(value)
		}
		return true
	})
	return out
}
