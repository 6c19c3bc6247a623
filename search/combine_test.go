package search

import (
	"context"
	"encoding/json"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// anyQuery matches documents that match at least min of its clauses. Unlike Bleve's disjunction, whose score
// is the sum times the share of clauses matched (so a clause with many alternatives is punished for each
// one a document lacks), it scores max + tie*(sum-max), times (matched/clauses)^coord: tie 0 is a
// dis_max, tie 1 a plain sum; coord 0 ignores how many clauses matched.
type anyQuery struct {
	clauses []query.Query
	min     int
	tie     float64
	coord   float64
}

// Searcher builds the searcher of the clauses.
func (q *anyQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping,
	opts search.SearcherOptions) (search.Searcher, error) {
	s := &anySearcher{min: q.min, tie: q.tie, coord: q.coord}
	for _, c := range q.clauses {
		cs, err := c.Searcher(ctx, r, m, opts)
		if err != nil {
			_ = s.Close()
			return nil, err
		}
		s.subs = append(s.subs, cs)
	}
	s.curr = make([]*search.DocumentMatch, len(s.subs))
	if w := s.Weight(); w > 0 {
		s.SetQueryNorm(1 / math.Sqrt(w))
	}
	return s, nil
}

// anySearcher merges its sub-searchers' matches in document order. With the few clauses a query has, a
// linear scan for the smallest document is as fast as a heap.
type anySearcher struct {
	subs        []search.Searcher
	curr        []*search.DocumentMatch // current match of each sub-searcher, nil when exhausted
	min         int
	tie, coord  float64
	initialized bool
}

func (s *anySearcher) init(ctx *search.SearchContext) error {
	for i, sub := range s.subs {
		dm, err := sub.Next(ctx)
		if err != nil {
			return err
		}
		s.curr[i] = dm
	}
	s.initialized = true
	return nil
}

// Next returns the next document that at least min clauses match.
func (s *anySearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for {
		var lowest index.IndexInternalID
		for _, dm := range s.curr {
			if dm != nil && (lowest == nil || dm.IndexInternalID.Compare(lowest) < 0) {
				lowest = dm.IndexInternalID
			}
		}
		if lowest == nil {
			return nil, nil
		}
		var rv *search.DocumentMatch
		matched := 0
		var sum, best float64
		for i, dm := range s.curr {
			if dm == nil || !dm.IndexInternalID.Equals(lowest) {
				continue
			}
			matched++
			sum += dm.Score
			best = math.Max(best, dm.Score)
			if rv == nil {
				rv = dm
			} else {
				rv.FieldTermLocations = search.MergeFieldTermLocations(rv.FieldTermLocations, []*search.DocumentMatch{dm})
				ctx.DocumentMatchPool.Put(dm)
			}
			next, err := s.subs[i].Next(ctx)
			if err != nil {
				return nil, err
			}
			s.curr[i] = next
		}
		if matched >= s.min {
			rv.Score = best + s.tie*(sum-best)
			if s.coord != 0 {
				rv.Score *= math.Pow(float64(matched)/float64(len(s.subs)), s.coord)
			}
			return rv, nil
		}
		ctx.DocumentMatchPool.Put(rv)
	}
}

// Advance moves to the first document at or after id that at least min clauses match.
func (s *anySearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for i, dm := range s.curr {
		if dm == nil || dm.IndexInternalID.Compare(id) >= 0 {
			continue
		}
		ctx.DocumentMatchPool.Put(dm)
		next, err := s.subs[i].Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		s.curr[i] = next
	}
	return s.Next(ctx)
}

// Close closes the sub-searchers.
func (s *anySearcher) Close() error {
	var first error
	for _, sub := range s.subs {
		if err := sub.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Weight is the sum of the sub-searchers' weights, as in Bleve's compound searchers.
func (s *anySearcher) Weight() float64 {
	var w float64
	for _, sub := range s.subs {
		w += sub.Weight()
	}
	return w
}

// SetQueryNorm passes the query norm down.
func (s *anySearcher) SetQueryNorm(n float64) {
	for _, sub := range s.subs {
		sub.SetQueryNorm(n)
	}
}

// Count is an upper bound of the matches.
func (s *anySearcher) Count() uint64 {
	var n uint64
	for _, sub := range s.subs {
		n += sub.Count()
	}
	return n
}

// Min is the number of clauses a match needs.
func (s *anySearcher) Min() int { return s.min }

// Size estimates the memory the searcher holds.
func (s *anySearcher) Size() int {
	n := 64 + 8*len(s.curr)
	for _, sub := range s.subs {
		n += sub.Size()
	}
	return n
}

// DocumentMatchPoolSize is how many document matches the searcher may hold at once.
func (s *anySearcher) DocumentMatchPoolSize() int {
	n := len(s.subs)
	for _, sub := range s.subs {
		n += sub.DocumentMatchPoolSize()
	}
	return n
}

// MarshalJSON shows the query in Bleve's JSON style, for logs and debugging.
func (q *anyQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"any": q.clauses, "min": q.min, "tie": q.tie, "coord": q.coord})
}

// scaleQuery multiplies the score of the documents of q that also match when by factor.
type scaleQuery struct {
	q, when query.Query
	factor  float64
}

// Searcher builds the searcher of q and a non-scoring searcher of when.
func (q *scaleQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping,
	opts search.SearcherOptions) (search.Searcher, error) {
	inner, err := q.q.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	when, err := q.when.Searcher(ctx, r, m, search.SearcherOptions{Score: "none"})
	if err != nil {
		_ = inner.Close()
		return nil, err
	}
	return &scaleSearcher{Searcher: inner, when: when, factor: q.factor}, nil
}

// MarshalJSON shows the query, for logs and debugging.
func (q *scaleQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"scale": q.q, "when": q.when, "factor": q.factor})
}

// scaleSearcher follows its inner searcher and moves the condition searcher along with it.
type scaleSearcher struct {
	search.Searcher
	when   search.Searcher
	curr   *search.DocumentMatch
	done   bool
	factor float64
}

func (s *scaleSearcher) scale(ctx *search.SearchContext, dm *search.DocumentMatch) (*search.DocumentMatch, error) {
	if dm == nil || s.done {
		return dm, nil
	}
	if s.curr == nil || s.curr.IndexInternalID.Compare(dm.IndexInternalID) < 0 {
		if s.curr != nil {
			ctx.DocumentMatchPool.Put(s.curr)
		}
		next, err := s.when.Advance(ctx, dm.IndexInternalID)
		if err != nil {
			return nil, err
		}
		s.curr, s.done = next, next == nil
	}
	if s.curr != nil && s.curr.IndexInternalID.Equals(dm.IndexInternalID) {
		dm.Score *= s.factor
	}
	return dm, nil
}

// Next returns the inner searcher's next match, scaled when the condition holds.
func (s *scaleSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if err != nil {
		return nil, err
	}
	return s.scale(ctx, dm)
}

// Advance moves the inner searcher, then scales.
func (s *scaleSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.scale(ctx, dm)
}

// Close closes both searchers.
func (s *scaleSearcher) Close() error {
	err := s.Searcher.Close()
	if err2 := s.when.Close(); err == nil {
		err = err2
	}
	return err
}

// DocumentMatchPoolSize counts the condition's match too.
func (s *scaleSearcher) DocumentMatchPoolSize() int {
	return s.Searcher.DocumentMatchPoolSize() + s.when.DocumentMatchPoolSize() + 1
}
