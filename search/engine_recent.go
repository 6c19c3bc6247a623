package search

import (
	"container/heap"
	"sort"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

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
