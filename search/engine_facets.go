package search

import (
	"math"
	"math/bits"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

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
