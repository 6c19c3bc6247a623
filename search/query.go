package search

import (
	"context"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// textField is a folded text field and its weight; its exact and bigram fields share the weight.
type textField struct {
	name  string
	boost float64
}

// textSpec tells the query builder which fields a document type searches.
type textSpec struct {
	fields    []textField
	nameField string // a short field where "luong xanh" may be written "LuồngXanh"; "" when none
}

func memberSpec(t tuning) textSpec {
	return textSpec{
		fields: []textField{
			{fieldName, t.name}, {fieldHeadline, t.headline}, {fieldSkills, t.skills}, {fieldDescription, 1},
			{fieldExtra, t.extra},
		},
		nameField: fieldName,
	}
}

func challengeSpec() textSpec {
	return textSpec{fields: []textField{
		{fieldTitle, 2.5}, {fieldReqSkil, 2}, {fieldSummary, 1}, {fieldDetails, 0.8},
	}}
}

// tuning holds the weights of the query builder. They were set by measuring nDCG@10 on the dev split (see
// relevance_test.go), for kinds of query, not for single queries.
type tuning struct {
	name, headline, skills, extra float64 // field weights, relative to the description's
	fieldTie                      float64 // a word in several fields: best field + fieldTie * the others
	conceptTie                    float64 // a concept matched several ways: best way + conceptTie * the others
	coord                         float64 // exponent of the share of concepts matched
	idfPower                      float64 // how much a word's rarity counts: score ~ idf^idfPower
	subSpan                       float64 // weight of the glossary forms of a part of a longer glossary phrase
	bigram                        float64 // a word pair found in this order
	expansion                     float64 // a glossary form of a query phrase
	exact                         float64 // the word exactly as typed, diacritics included
	common                        float64 // a common word, scored but not retrieving
	concat                        float64 // two query words written as one in a name
	commonRatio                   float64 // words in more than this share of documents only score
	msmRatio                      float64 // share of the query's concepts a document must match
	minHits                       int     // fewer hits than this retry with typo tolerance
}

func defaultTuning() tuning {
	return tuning{
		name:        2.5,
		headline:    2,
		skills:      2,
		extra:       0.8,
		fieldTie:    0.3,
		conceptTie:  1,
		coord:       1,
		idfPower:    2,
		subSpan:     0.6,
		bigram:      1.5,
		expansion:   0.9,
		exact:       0.4,
		common:      0.6,
		concat:      1,
		commonRatio: 0.08,
		msmRatio:    0.34,
		minHits:     3,
	}
}

// stopWords are function words of queries ("find", "for", "of"...): they score, like common words, but
// never retrieve. Folded forms.
var stopWords = map[string]bool{
	"va": true, "cua": true, "cho": true, "cac": true, "nhung": true, "la": true, "voi": true, "o": true,
	"trong": true, "de": true, "duoc": true, "co": true, "mot": true, "nay": true, "tim": true, "can": true,
	"muon": true, "giup": true, "ve": true, "the": true, "a": true, "an": true, "of": true, "for": true,
	"and": true, "or": true, "in": true, "on": true, "to": true, "with": true, "by": true, "from": true,
	"at": true, "is": true, "are": true, "find": true, "need": true, "want": true, "looking": true,
}

// planner builds the text part of one search against one index snapshot.
type planner struct {
	ctx   context.Context
	r     index.IndexReader
	spec  textSpec
	t     tuning
	gloss *Glossary
	fuzzy bool // add typo tolerance to every long word, not only to unknown ones
	docs  float64
	dfs   map[string]uint64
	marks map[string]bool // folded words to highlight
}

// plan is a built text query and the folded words it looks for.
type plan struct {
	q     query.Query
	marks map[string]bool
}

func (p *planner) df(field, term string) uint64 {
	key := field + "\x00" + term
	if n, ok := p.dfs[key]; ok {
		return n
	}
	var n uint64
	if tfr, err := p.r.TermFieldReader(p.ctx, []byte(term), field, false, false, false); err == nil {
		n = tfr.Count()
		_ = tfr.Close()
	}
	p.dfs[key] = n
	return n
}

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
func (p *planner) fieldsClause(term, suffix string, boost float64) query.Query {
	global := idf(p.docs, p.maxDF(term, suffix))
	var qs []query.Query
	for _, f := range p.spec.fields {
		df := p.df(f.name+suffix, term)
		if df == 0 {
			continue
		}
		local := idf(p.docs, df)
		tq := query.NewTermQuery(term)
		tq.SetField(f.name + suffix)
		tq.SetBoost(f.boost * boost * math.Pow(global, p.t.idfPower) / (local * local))
		qs = append(qs, tq)
	}
	return newAny(qs, 1, p.t.fieldTie, 0)
}

// idf is BM25's inverse document frequency, as Bleve computes it.
func idf(docs float64, df uint64) float64 {
	return math.Log(1 + (docs-float64(df)+0.5)/(float64(df)+0.5))
}

// fuzzyClause matches term with one edit in every field with the suffix; prefix characters must match.
func (p *planner) fuzzyClause(term, suffix string, prefix int, boost float64) query.Query {
	var qs []query.Query
	for _, f := range p.spec.fields {
		fq := query.NewFuzzyQuery(term)
		fq.SetField(f.name + suffix)
		fq.SetFuzziness(1)
		fq.SetPrefix(prefix)
		fq.SetBoost(f.boost * boost * 0.7)
		qs = append(qs, fq)
	}
	return newAny(qs, 1, p.t.fieldTie, 0)
}

// wordClause matches one folded word, forgiving one typo when the word is unknown (or p.fuzzy is set).
func (p *planner) wordClause(w string, boost float64) query.Query {
	known := p.maxDF(w, "") > 0
	var qs []query.Query
	if known {
		qs = append(qs, p.fieldsClause(w, "", boost))
	}
	if (!known || p.fuzzy) && len(w) >= 4 {
		qs = append(qs, p.fuzzyClause(w, "", 1, boost))
	}
	return newAny(qs, 1, 0, 0)
}

// pairClause matches two adjacent folded words through the bigram fields, or returns nil when no document
// has the pair.
func (p *planner) pairClause(a, b string, boost float64) query.Query {
	term := a + " " + b
	if p.maxDF(term, sufBigram) == 0 {
		return nil
	}
	return p.fieldsClause(term, sufBigram, boost)
}

// formClause matches a phrase of folded words: the word itself, or all of its word pairs.
func (p *planner) formClause(form []string, boost float64) query.Query {
	if len(form) == 1 {
		if p.maxDF(form[0], "") == 0 {
			return nil
		}
		return p.fieldsClause(form[0], "", boost)
	}
	var qs []query.Query
	for i := 0; i+1 < len(form); i++ {
		c := p.pairClause(form[i], form[i+1], boost)
		if c == nil {
			return nil
		}
		qs = append(qs, c)
	}
	return conjunction(qs)
}

func (p *planner) common(w string) bool {
	return stopWords[w] || float64(p.maxDF(w, "")) > p.t.commonRatio*p.docs
}

func (p *planner) commonPair(a, b string) bool {
	return float64(p.maxDF(a+" "+b, sufBigram)) > p.t.commonRatio*p.docs
}

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
	var concepts, extra, scoring []query.Query
	for i := 0; i < len(ws); {
		end := i + 1
		var alts, expansions []query.Query
		retrieves := false
		if si := spanOf[i]; si >= 0 {
			end = spans[si].to
			for j := i; j+1 < end; j++ {
				c := p.pairClause(folded[j], folded[j+1], p.t.bigram)
				switch {
				case c != nil && p.commonPair(folded[j], folded[j+1]):
					scoring = append(scoring, c)
				case c != nil:
					alts = append(alts, c)
					retrieves = true
				}
			}
			for k, forms := range [][][]string{spans[si].alts, spans[si].subAlts} {
				w := p.t.expansion
				if k == 1 {
					w *= p.t.subSpan
				}
				for _, f := range forms {
					if c := p.formClause(f, w); c != nil {
						expansions = append(expansions, c)
						for _, w := range f {
							p.marks[w] = true
						}
					}
				}
			}
		}
		for j := i; j < end; j++ {
			if p.common(folded[j]) {
				scoring = append(scoring, p.fieldsClause(folded[j], "", p.t.common))
				continue
			}
			if c := p.wordClause(folded[j], 1); c != nil {
				alts = append(alts, c)
				retrieves = true
			}
		}
		if retrieves {
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
		a, b := folded[i], folded[i+1]
		if spanOf[i] < 0 || spanOf[i] != spanOf[i+1] {
			switch c := p.pairClause(a, b, p.t.bigram); {
			case c != nil && (p.common(a) || p.common(b)) && !p.commonPair(a, b):
				concepts = append(concepts, c)
			case c != nil:
				scoring = append(scoring, c)
			case len(b) >= 2:
				scoring = append(scoring, p.fuzzyClause(a+" "+b, sufBigram, len(a)+1, p.t.bigram))
			}
		}
		if f := p.spec.nameField; f != "" && p.df(f, a+b) > 0 {
			tq := query.NewTermQuery(a + b)
			tq.SetField(f)
			tq.SetBoost(p.t.concat)
			extra = append(extra, tq)
		}
	}
	for _, w := range ws {
		if w.accented {
			scoring = append(scoring, p.fieldsClause(w.exact, sufExact, p.t.exact))
		}
	}
	scoring = compact(scoring)
	if len(concepts)+len(extra) == 0 {
		concepts, scoring = scoring, nil
	}
	if len(concepts)+len(extra) == 0 {
		return &plan{q: query.NewMatchNoneQuery(), marks: p.marks}
	}
	msm := int(math.Max(1, math.Round(p.t.msmRatio*float64(len(concepts)))))
	must := newAny(append(concepts, extra...), msm, 1, p.t.coord)
	if len(scoring) == 0 {
		return &plan{q: must, marks: p.marks}
	}
	bq := query.NewBooleanQuery([]query.Query{must}, []query.Query{newAny(scoring, 1, 1, 0)}, nil)
	return &plan{q: bq, marks: p.marks}
}

// compact drops nil queries.
func compact(qs []query.Query) []query.Query {
	out := qs[:0]
	for _, q := range qs {
		if q != nil {
			out = append(out, q)
		}
	}
	return out
}

func conjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// isBlank reports whether text has no word to search for.
func isBlank(text string) bool { return strings.TrimSpace(text) == "" || len(queryWords(text)) == 0 }
