package search

import (
	"math"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// DefaultPostingsCache is the memory the engine keeps decoded postings in when Options leave it unset.
const DefaultPostingsCache = 128 << 20

// postingBytes is what one decoded posting takes: its document and its saturated frequency.
const postingBytes = 12

// minCachedPostings is the least a segment may cache, however small its share of the index.
const minCachedPostings = 1 << 14

// postings is a term's postings in one segment as the first pass and the exact scoring read them: the
// documents in order and BM25's saturated frequency at each, for the field's average length avg. Deleted
// documents are included, so that the entry serves every snapshot of the segment; only matched documents
// are ever read from it.
type postings struct {
	avg  float64
	docs []uint32
	tf   []float64
}

// postings returns the decoded postings of ti in segment i, from the segment's cache when it has them.
func (v *view) postings(i int, ti *termInfo) *postings {
	c, avg := v.segs[i].cache, v.avgLen(ti.field)
	key := ti.field + "\x00" + ti.term
	c.mu.Lock()
	p, ok := c.postings[key]
	c.mu.Unlock()
	if ok && p.avg == avg {
		v.caches.hits.Add(1)
		return p
	}
	p = &postings{avg: avg, docs: make([]uint32, 0, ti.counts[i]), tf: make([]float64, 0, ti.counts[i])}
	pl, cache := ti.pls[i], false
	if v.cacheBudget > 0 {
		if all, err := v.segs[i].dict(ti.field).PostingsList([]byte(ti.term), nil, nil); err == nil && all != nil {
			pl, cache = all, true
		}
	}
	it := pl.Iterator(true, true, false, nil)
	for d, err := it.Next(); err == nil && d != nil; d, err = it.Next() {
		norm := d.Norm()
		p.docs = append(p.docs, uint32(d.Number()))
		p.tf = append(p.tf, saturate(float64(d.Frequency()), 1/(norm*norm), avg))
	}
	if !cache {
		return p
	}
	v.caches.misses.Add(1)
	budget := minCachedPostings
	if v.docs > 0 {
		budget = max(budget, int(float64(v.cacheBudget)/postingBytes*float64(v.segs[i].size)/v.docs))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keep(key, p, budget)
	return p
}

// keep caches p under key, first dropping entries in no particular order until the segment's cache
// holds at most three quarters of budget postings when p would not fit in it.
func (c *segCache) keep(key string, p *postings, budget int) {
	if len(p.docs) > budget/2 {
		return
	}
	if c.postings == nil {
		c.postings = map[string]*postings{}
	}
	if old, ok := c.postings[key]; ok {
		c.held -= len(old.docs)
		delete(c.postings, key)
	}
	if c.held+len(p.docs) > budget {
		for k, e := range c.postings {
			if c.held+len(p.docs) <= budget*3/4 {
				break
			}
			c.held -= len(e.docs)
			delete(c.postings, k)
		}
	}
	c.postings[key] = p
	c.held += len(p.docs)
}

// saturate is BM25's saturated term frequency of a field of the given length, as Bleve computes it.
func saturate(freq, length, avg float64) float64 {
	tf := math.Sqrt(freq)
	return (tf * bsearch.BM25_k1) / (tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*length/avg)))
}

// bm25 is Bleve's BM25 score of a term without the query norm: idf² × boost × the saturated frequency.
func bm25(idf, boost, freq, length, avg float64) float64 {
	return weight(idf, boost) * saturate(freq, length, avg)
}

// weight is what a term's saturated frequency is multiplied by in its BM25 score.
func weight(idf, boost float64) float64 { return idf * boost * idf }

// CacheStats describes the cache of decoded postings.
type CacheStats struct {
	Bytes        int64  // held now
	Hits, Misses uint64 // lookups answered from the cache and decoded, since Open
}

// PostingsCacheStats reports what the cache of decoded postings holds and how often it answered.
func (ix *Index) PostingsCacheStats() CacheStats {
	st := CacheStats{Hits: ix.caches.hits.Load(), Misses: ix.caches.misses.Load()}
	ix.caches.mu.Lock()
	defer ix.caches.mu.Unlock()
	for _, c := range ix.caches.m {
		c.mu.Lock()
		st.Bytes += int64(c.held) * postingBytes
		c.mu.Unlock()
	}
	return st
}
