package search

import (
	"math"
	"strings"
	"unicode/utf8"
)

// planner builds the text part of one search against one index snapshot.
type planner struct {
	v     *view
	spec  textSpec
	t     tuning
	gloss *Glossary
	fuzzy bool // add typo tolerance to every long word, not only to unknown ones
	docs  float64
	marks map[string]bool // folded words to highlight
}

// plan is a built text query and the folded words it looks for.
type plan struct {
	q     *node
	marks map[string]bool
}

func (p *planner) df(field, term string) uint64 { return p.v.term(field, term).df }

// maxDF is the highest document frequency of term over the fields with the suffix.
func (p *planner) maxDF(term, suffix string) uint64 {
	var m uint64
	for _, f := range p.spec.fields {
		m = max(m, p.df(f.name+suffix, term))
	}
	return m
}

// fieldsClause matches term in every field (with the suffix) that holds it, each with its weight. Bleve
// scores a term with its field's idf, squared (once in BM25, once in the query weight), so a word rare in
// names but everywhere in descriptions would score as rare in the name field. The boost replaces the
// field's idf with one idf for all fields, from the highest document frequency among them (as BM25F does).
func (p *planner) fieldsClause(term, suffix string, boost float64) *node {
	return p.fieldsClauseIn(term, suffix, boost, true)
}

// shortFieldsClause is fieldsClause without the long fields: for words that only add to the score.
func (p *planner) shortFieldsClause(term, suffix string, boost float64) *node {
	return p.fieldsClauseIn(term, suffix, boost, !p.t.shortScoring)
}

func (p *planner) fieldsClauseIn(term, suffix string, boost float64, long bool) *node {
	global := idf(p.docs, p.maxDF(term, suffix))
	var qs []*node
	for _, f := range p.spec.fields {
		if f.long && !long {
			continue
		}
		df := p.df(f.name+suffix, term)
		if df == 0 {
			continue
		}
		local := idf(p.docs, df)
		qs = append(qs, termNode(f.name+suffix, term, f.boost*boost*math.Pow(global, p.t.idfPower)/(local*local)))
	}
	return newAny(qs, 1, p.t.fieldTie, 0)
}

// idf is BM25's inverse document frequency, as Bleve computes it.
func idf(docs float64, df uint64) float64 {
	return math.Log(1 + (docs-float64(df)+0.5)/(float64(df)+0.5))
}

// fuzzyClause matches term with one edit in every field with the suffix; prefix bytes must match. As in
// Bleve's fuzzy query, each neighbour scores with the boost divided by its distance plus one, and a
// document's sum is scaled by the share of the neighbours it has.
func (p *planner) fuzzyClause(term, suffix string, prefix int, boost float64) *node {
	var qs []*node
	for _, f := range p.spec.fields {
		if q := p.v.fuzzy(f.name+suffix, term, prefix, f.boost*boost*0.7); q != nil {
			qs = append(qs, q)
		}
	}
	return newAny(qs, 1, p.t.fieldTie, 0)
}

// pairClause matches two adjacent folded words through the bigram fields, or returns nil when no document
// has the pair.
func (p *planner) pairClause(a, b string, boost float64) *node {
	term := a + " " + b
	if p.maxDF(term, sufBigram) == 0 {
		return nil
	}
	return p.fieldsClause(term, sufBigram, boost)
}

// formClause matches a phrase of folded words: the word itself, or all of its word pairs.
func (p *planner) formClause(form []string, boost float64) *node {
	if len(form) == 1 {
		if p.maxDF(form[0], "") == 0 {
			return nil
		}
		return p.fieldsClause(form[0], "", boost)
	}
	var qs []*node
	for i := 0; i+1 < len(form); i++ {
		c := p.pairClause(form[i], form[i+1], boost)
		if c == nil {
			return nil
		}
		qs = append(qs, c)
	}
	return conjunction(qs)
}

// common reports whether a word is too frequent (or too empty of meaning) to retrieve documents by itself.
func (p *planner) common(w word) bool {
	return isStopWord(w) || p.frequent(p.maxDF(w.fold, ""))
}

func (p *planner) frequent(df uint64) bool { return float64(df) > p.t.commonRatio*p.docs }

func (p *planner) commonPair(a, b string) bool { return p.frequent(p.maxDF(a+" "+b, sufBigram)) }

// build turns query words into a Bleve query. Each glossary phrase or lone word of the query is a concept;
// a concept matches through its rare words, its word pairs or its glossary forms, and a document must match
// a share of the concepts (minimum should match). Common words, word order across concepts, exact
// diacritics and pairs that only a typo explains add to the score without retrieving anything.
func (p *planner) build(ws []word) *plan {
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = w.fold
		p.marks[w.fold] = true
	}
	spans := p.gloss.match(folded)
	spanOf := make([]int, len(ws))
	for i := range spanOf {
		spanOf[i] = -1
	}
	for si, sp := range spans {
		for i := sp.from; i < sp.to; i++ {
			spanOf[i] = si
		}
	}
	var concepts, scoring []*node
	for i := 0; i < len(ws); {
		end := i + 1
		var alts, expansions []*node
		if si := spanOf[i]; si >= 0 {
			end = spans[si].to
			for j := i; j+1 < end; j++ {
				c := p.pairClause(folded[j], folded[j+1], p.t.bigram)
				if c != nil && p.commonPair(folded[j], folded[j+1]) {
					scoring = append(scoring, c)
				} else if c != nil {
					alts = append(alts, c)
				}
			}
			expansions = p.expansions(spans[si])
		}
		for j := i; j < end; j++ {
			retrieve, score := p.wordClauses(ws[j])
			if retrieve != nil {
				alts = append(alts, retrieve)
			}
			if score != nil {
				scoring = append(scoring, score)
			}
		}
		if len(alts) > 0 {
			alts = append(alts, expansions...)
		} else {
			scoring = append(scoring, expansions...)
		}
		if c := newAny(alts, 1, p.t.conceptTie, 0); c != nil {
			concepts = append(concepts, c)
		}
		i = end
	}
	for i := 0; i+1 < len(ws); i++ {
		if spanOf[i] >= 0 && spanOf[i] == spanOf[i+1] {
			continue
		}
		a, b := folded[i], folded[i+1]
		switch c := p.pairClause(a, b, p.t.bigram); {
		case c != nil && (p.common(ws[i]) || p.common(ws[i+1])) && !p.commonPair(a, b):
			concepts = append(concepts, c)
		case c != nil:
			scoring = append(scoring, c)
		case len(b) >= 2:
			scoring = append(scoring, p.fuzzyClause(a+" "+b, sufBigram, len(a)+1, p.t.bigram))
		}
	}
	scoring = compact(scoring)
	if len(concepts) == 0 {
		concepts, scoring = scoring, nil
	}
	if len(concepts) == 0 {
		return &plan{marks: p.marks}
	}
	msm := int(math.Max(1, math.Round(p.t.msmRatio*float64(len(concepts)))))
	must := newAny(concepts, msm, 1, p.t.coord)
	if len(scoring) == 0 {
		return &plan{q: must, marks: p.marks}
	}
	return &plan{q: &node{op: opBool, kids: []*node{must, newAny(scoring, 1, 1, 0)}}, marks: p.marks}
}

// wordClauses returns how a query word retrieves documents (nil when it is too common to) and how it adds to
// their score. A common folded word typed with distinctive diacritics ("chợ", not "cho") retrieves through
// the exact fields. A word no document has is taken for a typo: its neighbours within one edit only score,
// unless the search is the fuzzy fallback, where they retrieve.
func (p *planner) wordClauses(w word) (retrieve, score *node) {
	var exact, fuzzy *node
	if w.accented {
		exact = p.shortFieldsClause(w.exact, sufExact, p.t.exact)
	}
	known := p.maxDF(w.fold, "") > 0
	if (!known || p.fuzzy) && utf8.RuneCountInString(w.fold) >= 4 {
		fuzzy = p.fuzzyClause(w.fold, "", 1, 1)
	}
	switch {
	case !known && p.fuzzy:
		return fuzzy, exact
	case !known:
		return nil, newAny(compact([]*node{fuzzy, exact}), 1, 1, 0)
	case !p.common(w):
		return newAny(compact([]*node{p.fieldsClause(w.fold, "", 1), fuzzy}), 1, 0, 0), exact
	}
	folded := p.shortFieldsClause(w.fold, "", p.t.common)
	if exact != nil && !isStopWord(w) && !p.frequent(p.maxDF(w.exact, sufExact)) {
		return newAny(compact([]*node{p.shortFieldsClause(w.exact, sufExact, 1), folded}), 1, 1, 0), nil
	}
	return nil, newAny(compact([]*node{folded, exact}), 1, 1, 0)
}

// expansions returns the clauses of a glossary span's other forms, and marks their words for highlighting.
func (p *planner) expansions(sp span) []*node {
	var out []*node
	for k, forms := range [][][]string{sp.alts, sp.subAlts, sp.related} {
		weight := p.t.expansion
		switch k {
		case 1:
			weight *= p.t.subSpan
		case 2:
			weight *= p.t.related
		}
		for _, f := range forms {
			if c := p.formClause(f, weight); c != nil {
				out = append(out, c)
				for _, w := range f {
					p.marks[w] = true
				}
			}
		}
	}
	return out
}

// compact drops nil nodes.
func compact(qs []*node) []*node {
	out := qs[:0]
	for _, q := range qs {
		if q != nil {
			out = append(out, q)
		}
	}
	return out
}

func conjunction(qs []*node) *node {
	if len(qs) == 1 {
		return qs[0]
	}
	return &node{op: opAll, kids: qs}
}

// isBlank reports whether text has no word to search for.
func isBlank(text string) bool { return strings.TrimSpace(text) == "" || len(queryWords(text)) == 0 }
