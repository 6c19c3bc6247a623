package search

import (
	"github.com/RoaringBitmap/roaring/v2"
)

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
