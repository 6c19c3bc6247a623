package search

import (
	"container/heap"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

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
