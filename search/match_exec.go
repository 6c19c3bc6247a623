package search

import (
	"container/heap"
	"context"
	"fmt"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/hanoi-innovation/innonet/models"
)

// posting is one document of a term's postings in one field.
type posting struct {
	doc        uint64
	tf, length float32
}

// scored is a document and a partial score; lists of them are in document order.
type scored struct {
	doc uint64
	s   float64
}

// match runs a match query of the source against the target documents and returns the best limit.
func (ix *Index) match(ctx context.Context, t matchTuning, target matchTarget, src matchSource, f matchFilter, limit int) ([]models.Candidate, error) {
	if limit <= 0 {
		return []models.Candidate{}, nil
	}
	limit = min(limit, maxMatchLimit)
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer r.Close()
	p := &matchPlanner{ctx: ctx, r: r, target: target, gloss: ix.gloss, t: t, dfs: map[string]uint64{}}
	p.docs = float64(p.df(fieldDocType, target.docType))
	if p.docs == 0 {
		return []models.Candidate{}, nil
	}
	pl := p.plan(src)
	e := &matchExec{p: p, lists: map[string][]posting{}, terms: map[string][]scored{}, lens: map[string][2]float64{}}
	acc, err := e.run(pl)
	if err != nil {
		return nil, err
	}
	if err := e.boostSectors(acc, pl.sectors); err != nil {
		return nil, err
	}
	if err := e.filter(acc, f); err != nil {
		return nil, err
	}
	top := acc.top(limit)
	out := make([]models.Candidate, 0, len(top))
	buf := make([]bool, len(pl.words))
	for _, h := range top {
		id, err := r.ExternalID(index.NewIndexInternalID(nil, h.doc))
		if err != nil {
			return nil, fmt.Errorf("search: match: %w", err)
		}
		out = append(out, models.Candidate{
			ID: strings.TrimPrefix(id, target.prefix), Relevance: h.s, Matched: pl.labels(acc.bitsOf(h.doc), buf),
		})
	}
	return out, nil
}

// matchExec scores a match plan term at a time over the postings.
type matchExec struct {
	p      *matchPlanner
	lists  map[string][]posting  // field + "\x00" + term -> postings
	terms  map[string][]scored   // term key -> its score in each document that has it
	lens   map[string][2]float64 // field -> sum and count of the lengths seen, for BM25's average
	maxDoc uint64
}

// run reads the postings of every term of the plan, then scores each unit and sums them per document.
func (e *matchExec) run(pl *matchPlan) (*matchAcc, error) {
	for _, u := range pl.units {
		for _, form := range u.forms {
			for _, t := range form {
				if err := e.load(t); err != nil {
					return nil, err
				}
			}
		}
	}
	acc := newMatchAcc(e.maxDoc, len(pl.units))
	for i, u := range pl.units {
		lists := make([][]scored, 0, len(u.forms))
		for _, form := range u.forms {
			parts := make([][]scored, len(form))
			for k, t := range form {
				parts[k] = e.term(t)
			}
			lists = append(lists, intersectSum(parts))
		}
		for _, d := range unionMax(lists) {
			acc.add(d.doc, i, u.weight*d.s)
		}
	}
	return acc, nil
}

func (e *matchExec) load(t matchTerm) error {
	for _, f := range e.p.target.fields {
		field := f.name + t.suffix
		key := field + "\x00" + t.text
		if _, ok := e.lists[key]; ok || e.p.df(field, t.text) == 0 {
			continue
		}
		if err := e.p.ctx.Err(); err != nil {
			return err
		}
		ps, err := e.read(field, t.text)
		if err != nil {
			return err
		}
		e.lists[key] = ps
		l := e.lens[field]
		for _, x := range ps {
			l[0] += float64(x.length)
		}
		l[1] += float64(len(ps))
		e.lens[field] = l
		if len(ps) > 0 {
			e.maxDoc = max(e.maxDoc, ps[len(ps)-1].doc)
		}
	}
	return nil
}

func (e *matchExec) read(field, term string) ([]posting, error) {
	tfr, err := e.p.r.TermFieldReader(e.p.ctx, []byte(term), field, true, true, false)
	if err != nil {
		return nil, fmt.Errorf("search: match: %w", err)
	}
	defer tfr.Close()
	out := make([]posting, 0, tfr.Count())
	var d index.TermFieldDoc
	for {
		next, err := tfr.Next(&d)
		if err != nil {
			return nil, fmt.Errorf("search: match: %w", err)
		}
		if next == nil {
			return out, nil
		}
		length := float32(1)
		if next.Norm > 0 {
			length = float32(1 / (next.Norm * next.Norm))
		}
		out = append(out, posting{doc: next.ID.Value(), tf: float32(next.Freq), length: length})
	}
}

// term scores a term in every document that has it: BM25 in each field with the field's weight, the best
// field plus fieldTie times the others, times the term's one idf.
func (e *matchExec) term(t matchTerm) []scored {
	if s, ok := e.terms[t.key()]; ok {
		return s
	}
	type head struct {
		ps         []posting
		boost, avg float64
	}
	var heads []head
	for _, f := range e.p.target.fields {
		field := f.name + t.suffix
		if ps := e.lists[field+"\x00"+t.text]; len(ps) > 0 {
			l := e.lens[field]
			heads = append(heads, head{ps, f.boost, l[0] / max(1, l[1])})
		}
	}
	idf, k1, b, tie := e.p.idf(t), e.p.t.k1, e.p.t.b, e.p.t.fieldTie
	var out []scored
	for {
		doc, found := uint64(0), false
		for _, h := range heads {
			if len(h.ps) > 0 && (!found || h.ps[0].doc < doc) {
				doc, found = h.ps[0].doc, true
			}
		}
		if !found {
			break
		}
		var best, sum float64
		for i := range heads {
			h := &heads[i]
			if len(h.ps) == 0 || h.ps[0].doc != doc {
				continue
			}
			tf, norm := float64(h.ps[0].tf), 1-b+b*float64(h.ps[0].length)/h.avg
			s := h.boost * tf * (k1 + 1) / (tf + k1*norm)
			best, sum = max(best, s), sum+s
			h.ps = h.ps[1:]
		}
		out = append(out, scored{doc, idf * (best + tie*(sum-best))})
	}
	e.terms[t.key()] = out
	return out
}

// intersectSum keeps the documents found in every list, with the sum of their scores.
func intersectSum(lists [][]scored) []scored {
	if len(lists) == 1 {
		return lists[0]
	}
	var out []scored
	pos := make([]int, len(lists))
	for _, d := range lists[0] {
		s, all := d.s, true
		for k := 1; k < len(lists) && all; k++ {
			l := lists[k]
			for pos[k] < len(l) && l[pos[k]].doc < d.doc {
				pos[k]++
			}
			if pos[k] == len(l) || l[pos[k]].doc != d.doc {
				all = false
				break
			}
			s += l[pos[k]].s
		}
		if all {
			out = append(out, scored{d.doc, s})
		}
	}
	return out
}

// unionMax keeps the documents found in any list, with their best score.
func unionMax(lists [][]scored) []scored {
	if len(lists) == 1 {
		return lists[0]
	}
	var out []scored
	pos := make([]int, len(lists))
	for {
		doc, found := uint64(0), false
		for k, l := range lists {
			if pos[k] < len(l) && (!found || l[pos[k]].doc < doc) {
				doc, found = l[pos[k]].doc, true
			}
		}
		if !found {
			return out
		}
		var best float64
		for k, l := range lists {
			if pos[k] < len(l) && l[pos[k]].doc == doc {
				best = max(best, l[pos[k]].s)
				pos[k]++
			}
		}
		out = append(out, scored{doc, best})
	}
}

// boostSectors raises the score of the documents that share the source's sectors.
func (e *matchExec) boostSectors(acc *matchAcc, sectors []string) error {
	if len(sectors) == 0 || e.p.t.sector == 0 {
		return nil
	}
	shared := make([]uint8, len(acc.score))
	for _, s := range sectors {
		if err := e.visit(fieldSectors, s, func(doc uint64) {
			if doc < uint64(len(shared)) {
				shared[doc]++
			}
		}); err != nil {
			return err
		}
	}
	for doc, n := range shared {
		if n > 0 && acc.score[doc] > 0 {
			acc.score[doc] *= 1 + e.p.t.sector*float64(n)/float64(len(sectors))
		}
	}
	return nil
}

// filter zeroes the scores of the documents the filter keeps out.
func (e *matchExec) filter(acc *matchAcc, f matchFilter) error {
	drop := func(doc uint64) {
		if doc < uint64(len(acc.score)) {
			acc.score[doc] = 0
		}
	}
	for _, t := range f.excludeTerms {
		if err := e.visit(t[0], t[1], drop); err != nil {
			return err
		}
	}
	for _, id := range f.excludeIDs {
		iid, err := e.p.r.InternalID(id)
		if err != nil {
			return fmt.Errorf("search: match: %w", err)
		}
		if len(iid) == 8 {
			drop(iid.Value())
		}
	}
	if f.requireTerm[0] == "" {
		return nil
	}
	keep := make([]bool, len(acc.score))
	if err := e.visit(f.requireTerm[0], f.requireTerm[1], func(doc uint64) {
		if doc < uint64(len(keep)) {
			keep[doc] = true
		}
	}); err != nil {
		return err
	}
	for doc, ok := range keep {
		if !ok {
			acc.score[doc] = 0
		}
	}
	return nil
}

// visit calls fn with each document that has the term in the field.
func (e *matchExec) visit(field, term string, fn func(doc uint64)) error {
	tfr, err := e.p.r.TermFieldReader(e.p.ctx, []byte(term), field, false, false, false)
	if err != nil {
		return fmt.Errorf("search: match: %w", err)
	}
	defer tfr.Close()
	var d index.TermFieldDoc
	for {
		next, err := tfr.Next(&d)
		if err != nil {
			return fmt.Errorf("search: match: %w", err)
		}
		if next == nil {
			return nil
		}
		fn(next.ID.Value())
	}
}

// matchAcc holds, for every document number, its score and which units it matched.
type matchAcc struct {
	score []float64
	bits  []uint64
	words int
}

func newMatchAcc(maxDoc uint64, units int) *matchAcc {
	n := int(maxDoc) + 1
	w := max(1, (units+63)/64)
	return &matchAcc{score: make([]float64, n), bits: make([]uint64, n*w), words: w}
}

func (a *matchAcc) add(doc uint64, unit int, s float64) {
	a.score[doc] += s
	a.bits[int(doc)*a.words+unit/64] |= 1 << (unit % 64)
}

func (a *matchAcc) bitsOf(doc uint64) []uint64 {
	return a.bits[int(doc)*a.words : int(doc+1)*a.words]
}

// top returns the k best documents with a positive score, best first (by document number on ties).
func (a *matchAcc) top(k int) []scored {
	h := &scoredHeap{}
	for doc, s := range a.score {
		if s <= 0 {
			continue
		}
		d := scored{uint64(doc), s}
		if h.Len() < k {
			heap.Push(h, d)
		} else if better(d, (*h)[0]) {
			(*h)[0] = d
			heap.Fix(h, 0)
		}
	}
	out := make([]scored, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(scored)
	}
	return out
}

func better(a, b scored) bool { return a.s > b.s || a.s == b.s && a.doc < b.doc }

// scoredHeap is a min-heap: its root is the worst of the best documents kept so far.
type scoredHeap []scored

func (h scoredHeap) Len() int           { return len(h) }
func (h scoredHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h scoredHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoredHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *scoredHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
