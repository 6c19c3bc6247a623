package search

import (
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
)

// visit calls fn with each of the first n documents (all when n < 0) that have the term in the field, with
// the term's frequency and the field's length when withStats (1 and 1 otherwise).
func (e *matchExec) visit(field, term string, withStats bool, n int, fn func(doc uint64, tf, length float64)) error {
	if err := e.p.ctx.Err(); err != nil {
		return err
	}
	var tfr index.TermFieldReader
	var err error
	if withStats {
		tfr, err = e.p.reader(field, term)
	} else {
		tfr, err = e.p.r.TermFieldReader(e.p.ctx, []byte(term), field, false, false, false)
	}
	if err != nil {
		return fmt.Errorf("search: match: %w", err)
	}
	defer tfr.Close()
	var d index.TermFieldDoc
	for ; n != 0; n-- {
		next, err := tfr.Next(&d)
		if err != nil {
			return fmt.Errorf("search: match: %w", err)
		}
		if next == nil {
			return nil
		}
		tf, length := 1.0, 1.0
		if withStats {
			tf = float64(next.Freq)
			if next.Norm > 0 {
				length = 1 / (next.Norm * next.Norm)
			}
		}
		fn(next.ID.Value(), tf, length)
	}
	return nil
}

// boostSectors raises the score of the documents that share the source's sectors.
func (e *matchExec) boostSectors(sectors []string) error {
	if len(sectors) == 0 || e.p.t.sector == 0 {
		return nil
	}
	shared := make([]uint8, len(e.acc.score))
	for _, s := range sectors {
		if err := e.visit(fieldSectors, s, false, -1, func(doc uint64, _, _ float64) {
			if doc < uint64(len(shared)) {
				shared[doc]++
			}
		}); err != nil {
			return err
		}
	}
	for doc, n := range shared {
		if n > 0 && e.acc.score[doc] > 0 {
			e.acc.score[doc] *= 1 + e.p.t.sector*float64(n)/float64(len(sectors))
		}
	}
	return nil
}

// filter zeroes the scores of the documents the filter keeps out.
func (e *matchExec) filter(f matchFilter) error {
	score := e.acc.score
	drop := func(doc uint64, _, _ float64) {
		if doc < uint64(len(score)) {
			score[doc] = 0
		}
	}
	for _, t := range f.excludeTerms {
		if err := e.visit(t[0], t[1], false, -1, drop); err != nil {
			return err
		}
	}
	for _, id := range f.excludeIDs {
		iid, err := e.p.r.InternalID(id)
		if err != nil {
			return fmt.Errorf("search: match: %w", err)
		}
		if len(iid) == 8 {
			drop(iid.Value(), 0, 0)
		}
	}
	if f.requireTerm[0] == "" {
		return nil
	}
	keep := make([]bool, len(score))
	if err := e.visit(f.requireTerm[0], f.requireTerm[1], false, -1, func(doc uint64, _, _ float64) {
		if doc < uint64(len(keep)) {
			keep[doc] = true
		}
	}); err != nil {
		return err
	}
	for doc, ok := range keep {
		if !ok {
			score[doc] = 0
		}
	}
	return nil
}
