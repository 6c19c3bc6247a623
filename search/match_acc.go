package search

import "container/heap"

// scored is a document number and its score.
type scored struct {
	doc uint64
	s   float64
}

// matchAcc holds, for every document number, its score and which units it matched.
type matchAcc struct {
	score []float64
	bits  []uint64
	words int // bits per document, in 64-bit words
}

func (a *matchAcc) grow(n int) {
	a.score, a.bits = growTo(a.score, n), growTo(a.bits, n*a.words)
}

func (a *matchAcc) add(doc uint32, unit int, s float64) {
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
