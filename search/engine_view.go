package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
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
