package search

import (
	"context"
	"fmt"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/hanoi-innovation/innonet/models"
)

// lengthSample is how many postings of a field's most frequent query term give its average length.
const lengthSample = 1024

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
	p := &matchPlanner{ctx: ctx, r: r, target: target, gloss: ix.gloss, t: t, dfs: map[string]uint64{},
		readers: map[string]index.TermFieldReader{}}
	defer p.close()
	p.docs = float64(p.df(fieldDocType, target.docType))
	if p.docs == 0 {
		return []models.Candidate{}, nil
	}
	pl := p.plan(src)
	e := &matchExec{p: p, acc: &matchAcc{words: max(1, (len(pl.units)+63)/64)}}
	if n, err := r.DocCount(); err == nil {
		e.ensure(n + n/8) // room for the documents of the index, and some deleted ones, at once
	}
	if err := e.run(pl); err != nil {
		return nil, err
	}
	if err := e.boostSectors(pl.sectors); err != nil {
		return nil, err
	}
	if err := e.filter(f); err != nil {
		return nil, err
	}
	top := e.acc.top(limit)
	out := make([]models.Candidate, 0, len(top))
	scratch := newLabelScratch(len(pl.words))
	for _, h := range top {
		id, err := r.ExternalID(index.NewIndexInternalID(nil, h.doc))
		if err != nil {
			return nil, fmt.Errorf("search: match: %w", err)
		}
		out = append(out, models.Candidate{
			ID: strings.TrimPrefix(id, target.prefix), Relevance: h.s, Matched: pl.labels(e.acc.bitsOf(h.doc), scratch),
		})
	}
	return out, nil
}

// matchExec scores a match plan term at a time: each term's postings are read once, in every field,
// into dense per-document scratch arrays, then folded into its form, its unit and the document's score.
// Stamps (the id of the term, form or unit that last wrote a slot) spare clearing the arrays.
type matchExec struct {
	p   *matchPlanner
	acc *matchAcc
	avg map[string]float64 // field -> average length, from a sample of postings

	term, form, unit level
	nextStamp        int32
}

// level is one level of scratch: the best and summed scores and the count of parts matched per
// document, valid where stamp holds the current stamp, and the documents touched.
type level struct {
	stamp   []int32
	best    []float64
	sum     []float64
	count   []int32
	touched []uint32
}

func (l *level) grow(n int) {
	l.stamp, l.count = growTo(l.stamp, n), growTo(l.count, n)
	l.best, l.sum = growTo(l.best, n), growTo(l.sum, n)
}

// growTo returns s with at least n elements, the new ones zero.
func growTo[T any](s []T, n int) []T {
	if len(s) >= n {
		return s
	}
	out := make([]T, n)
	copy(out, s)
	return out
}

// put adds a score for doc under the stamp: the first of a stamp resets the slot.
func (l *level) put(doc uint32, stamp int32, s float64) {
	if l.stamp[doc] != stamp {
		l.stamp[doc], l.best[doc], l.sum[doc], l.count[doc] = stamp, s, s, 1
		l.touched = append(l.touched, doc)
		return
	}
	l.best[doc] = max(l.best[doc], s)
	l.sum[doc] += s
	l.count[doc]++
}

func (e *matchExec) stamp() int32 {
	e.nextStamp++
	return e.nextStamp
}

// ensure makes room for document number doc in the term level and the accumulator; the form and unit
// levels, which only phrases with several terms or forms use, follow them when used.
func (e *matchExec) ensure(doc uint64) {
	if n := int(doc) + 1; n > len(e.term.stamp) {
		n = max(n, 2*len(e.term.stamp), 1024)
		e.term.grow(n)
		e.acc.grow(n)
	}
}

// run scores every unit of the plan into the accumulator.
func (e *matchExec) run(pl *matchPlan) error {
	if err := e.averages(pl); err != nil {
		return err
	}
	for ui, u := range pl.units {
		if len(u.forms) == 1 && len(u.forms[0]) == 1 {
			t := u.forms[0][0]
			if err := e.scoreTerm(t); err != nil {
				return err
			}
			w := u.weight * e.p.idf(t)
			for _, doc := range e.term.touched {
				best := e.term.best[doc]
				e.acc.add(doc, ui, w*(best+e.p.t.fieldTie*(e.term.sum[doc]-best)))
			}
			continue
		}
		us := e.stamp()
		e.unit.touched = e.unit.touched[:0]
		for _, form := range u.forms {
			fs := e.stamp()
			e.form.touched = e.form.touched[:0]
			for _, t := range form {
				if err := e.scoreTerm(t); err != nil {
					return err
				}
				e.form.grow(len(e.term.stamp))
				e.unit.grow(len(e.term.stamp))
				idf, tie := e.p.idf(t), e.p.t.fieldTie
				for _, doc := range e.term.touched {
					best := e.term.best[doc]
					e.form.put(doc, fs, idf*(best+tie*(e.term.sum[doc]-best)))
				}
			}
			for _, doc := range e.form.touched {
				if int(e.form.count[doc]) == len(form) {
					e.unit.put(doc, us, e.form.sum[doc])
				}
			}
		}
		for _, doc := range e.unit.touched {
			e.acc.add(doc, ui, u.weight*e.unit.best[doc])
		}
	}
	return nil
}

// scoreTerm reads a term's postings in every field into the term level: BM25 in each field, times the
// field's weight.
func (e *matchExec) scoreTerm(t matchTerm) error {
	ts := e.stamp()
	e.term.touched = e.term.touched[:0]
	k1, b := e.p.t.k1, e.p.t.b
	for _, f := range e.p.target.fields {
		field := f.name + t.suffix
		if e.p.df(field, t.text) == 0 {
			continue
		}
		avg := e.avg[field]
		err := e.visit(field, t.text, true, -1, func(doc uint64, tf, length float64) {
			e.ensure(doc)
			norm := 1 - b + b*length/avg
			e.term.put(uint32(doc), ts, f.boost*tf*(k1+1)/(tf+k1*norm))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// averages estimates each field's average length from the postings of its most frequent term in the plan.
func (e *matchExec) averages(pl *matchPlan) error {
	e.avg = map[string]float64{}
	common := map[string]matchTerm{}
	for _, u := range pl.units {
		for _, form := range u.forms {
			for _, t := range form {
				for _, f := range e.p.target.fields {
					field := f.name + t.suffix
					if c, ok := common[field]; !ok || e.p.df(field, t.text) > e.p.df(field, c.text) {
						common[field] = t
					}
				}
			}
		}
	}
	for field, t := range common {
		var sum, n float64
		err := e.visit(field, t.text, true, lengthSample, func(_ uint64, _, length float64) { sum, n = sum+length, n+1 })
		if err != nil {
			return err
		}
		e.avg[field] = max(1, sum/max(1, n))
	}
	return nil
}
