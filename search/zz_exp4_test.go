package search

import (
	"context"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

func TestExpDecode(t *testing.T) {
	ix := expIndex(t)
	defer ix.Close()
	ctx := context.Background()
	adv, _ := ix.bi.Advanced()
	r, _ := adv.Reader()
	defer r.Close()
	snap := r.(*scorch.IndexSnapshot)
	t.Logf("segments %d", len(snap.Segments()))
	for _, s := range snap.Segments() {
		t.Logf("  seg count %d deleted %v", s.Count(), s.Deleted() != nil)
	}
	for _, text := range []string{"ứng dụng cho người dân phản ánh ổ gà, rác thải", "giao thong thong minh", "quy hoạch đô thị"} {
		req := &request{docType: typeMember, text: text, spec: memberSpec(ix.tune)}
		pl, _ := ix.plan(ctx, req)
		var leaves [][2]string
		walkLeaves(pl.q, 0, func(l query.Query, d int) {
			if x, ok := l.(*query.TermQuery); ok {
				leaves = append(leaves, [2]string{x.FieldVal, x.Term})
			}
		})
		// full decode with freq/norm
		start := time.Now()
		var n int
		var sum float64
		for _, s := range snap.Segments() {
			for _, lf := range leaves {
				d, _ := s.Segment().Dictionary(lf[0])
				pl, _ := d.PostingsList([]byte(lf[1]), s.Deleted(), nil)
				it := pl.Iterator(true, true, false, nil)
				for p, _ := it.Next(); p != nil; p, _ = it.Next() {
					n++
					sum += float64(p.Frequency()) * p.Norm()
				}
			}
		}
		d1 := time.Since(start)
		// bitmap only
		start = time.Now()
		var m uint64
		for _, s := range snap.Segments() {
			acc := make([]float32, s.Segment().Count())
			for _, lf := range leaves {
				d, _ := s.Segment().Dictionary(lf[0])
				pl, _ := d.PostingsList([]byte(lf[1]), s.Deleted(), nil)
				it := pl.Iterator(false, false, false, nil)
				if o, ok := it.(segment.OptimizablePostingsIterator); ok {
					bm := o.ActualBitmap()
					if bm == nil {
						continue
					}
					m += bm.GetCardinality()
					mi := bm.ManyIterator()
					buf := make([]uint32, 256)
					for k := mi.NextMany(buf); k > 0; k = mi.NextMany(buf) {
						for _, x := range buf[:k] {
							acc[x] += 1
						}
					}
				}
			}
		}
		d2 := time.Since(start)
		// bitmap OR only
		start = time.Now()
		for _, s := range snap.Segments() {
			u := roaring.New()
			for _, lf := range leaves {
				d, _ := s.Segment().Dictionary(lf[0])
				pl, _ := d.PostingsList([]byte(lf[1]), s.Deleted(), nil)
				it := pl.Iterator(false, false, false, nil)
				if o, ok := it.(segment.OptimizablePostingsIterator); ok && o.ActualBitmap() != nil {
					u.Or(o.ActualBitmap())
				}
			}
			_ = u.GetCardinality()
		}
		d3 := time.Since(start)
		t.Logf("%q: %d leaves, %d postings: decode %v (%.1f ns/posting), bitmap-acc %v (%d), or %v", text, len(leaves), n, d1, float64(d1.Nanoseconds())/float64(n), d2, m, d3)
	}
}
