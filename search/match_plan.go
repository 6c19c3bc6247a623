package search

import (
	"context"
	"math"
	"sort"
	"strings"

	index "github.com/blevesearch/bleve_index_api"
)

// matchTuning holds the weights of match retrieval, set by measuring nDCG@10 of the whole matching
// pipeline on the dev split of ../shared/eval (app/match_eval_test.go), for kinds of evidence only.
type matchTuning struct {
	k1, b        float64 // BM25 term saturation and length normalization
	fieldTie     float64 // a term in several fields: best field + fieldTie * the others
	tag          float64 // weight of a tag unit (a required skill, as a phrase or a glossary form of it)
	concept      float64 // weight of a glossary phrase of the text
	pair         float64 // weight of a word pair of the text
	word         float64 // weight of a word of the text
	tagText      float64 // how much a tag's words count among the text's words
	words        int     // how many words the query keeps, by tf-idf
	pairs        int     // how many word pairs it keeps
	concepts     int     // how many glossary phrases of the text it keeps
	maxDFRatio   float64 // words, pairs and glossary forms in more than this share of the documents are left out
	tagMaxDF     float64 // the same for the forms of a tag
	labelDF      float64 // a word is named among the matched terms when at most this share of documents has it
	sector       float64 // a candidate's score grows by up to this share with the sectors it shares
	budget       float64 // postings a query may read: budget + budgetPerDoc per document of the index
	budgetPerDoc float64
}

func defaultMatchTuning() matchTuning {
	return matchTuning{
		k1: 1.2, b: 0.75, fieldTie: 0.6,
		tag: 3, concept: 1, pair: 1.5, word: 0.3, tagText: 0,
		words: 12, pairs: 40, concepts: 12, maxDFRatio: 0.1, tagMaxDF: 0.2, labelDF: 0.02, sector: 0.2,
		budget: 20000, budgetPerDoc: 0.5,
	}
}

// Kinds of query unit, in the order their labels are listed.
type unitKind int

const (
	unitTag     unitKind = iota // a tag of the source (a required skill, a skill, a service), as a phrase
	unitConcept                 // a glossary phrase of the source's text, with its other forms
	unitPair                    // two adjacent words of the source's text
	unitWord                    // one word of the source's text
)

// matchTerm is one indexed term: a folded word (suffix "") or a folded word pair (sufBigram).
type matchTerm struct{ text, suffix string }

// matchUnit is one part of a match query. A document matches a form when it has all of its terms; a
// unit scores its best form, times its weight.
type matchUnit struct {
	kind   unitKind
	label  string // what a person reads: the source's own words, with their accents
	fold   string // the label folded, to tell which labels another already says
	weight float64
	forms  [][]matchTerm
	at     []int // pairs: where the pair starts in matchPlan.words
	rare   bool  // words: rare enough to be named among the matched terms
}

// labelWord is one word of the source, as written and folded.
type labelWord struct{ text, fold string }

// matchPlan is a built match query.
type matchPlan struct {
	units   []matchUnit
	words   []labelWord
	sectors []string
}

// matchPlanner builds a match query against one index snapshot and caches document frequencies.
type matchPlanner struct {
	ctx     context.Context
	r       index.IndexReader
	target  matchTarget
	gloss   *Glossary
	t       matchTuning
	docs    float64 // documents of the target type
	dfs     map[string]uint64
	readers map[string]index.TermFieldReader // opened by df, not read yet
}

// df returns the document frequency of a term in a field. The reader it opens to count stays open, unread,
// for the postings to be read once the query is planned (see reader).
func (p *matchPlanner) df(field, term string) uint64 {
	key := field + "\x00" + term
	if n, ok := p.dfs[key]; ok {
		return n
	}
	var n uint64
	if tfr, err := p.r.TermFieldReader(p.ctx, []byte(term), field, true, true, false); err == nil {
		if n = tfr.Count(); n > 0 {
			p.readers[key] = tfr
		} else {
			_ = tfr.Close()
		}
	}
	p.dfs[key] = n
	return n
}

// reader returns an unread reader of a term's postings in a field, with frequencies and norms: the one df
// opened, or a new one. The caller closes it.
func (p *matchPlanner) reader(field, term string) (index.TermFieldReader, error) {
	key := field + "\x00" + term
	if tfr, ok := p.readers[key]; ok {
		delete(p.readers, key)
		return tfr, nil
	}
	return p.r.TermFieldReader(p.ctx, []byte(term), field, true, true, false)
}

// close closes the readers that df opened and nobody read.
func (p *matchPlanner) close() {
	for key, tfr := range p.readers {
		_ = tfr.Close()
		delete(p.readers, key)
	}
}

// minDocsForCommon is the size below which no term counts as too common: in a small directory every word
// of a profile is in a large share of the documents.
const minDocsForCommon = 50

// tooCommon reports whether a term in df documents is in more than ratio of them, in a directory large
// enough for the share to mean something.
func (p *matchPlanner) tooCommon(df uint64, ratio float64) bool {
	return p.docs >= minDocsForCommon && float64(df) > ratio*p.docs
}

// maxDF is a term's document frequency: the highest over the target's fields, as BM25F takes one.
func (p *matchPlanner) maxDF(t matchTerm) uint64 {
	var m uint64
	for _, f := range p.target.fields {
		m = max(m, p.df(f.name+t.suffix, t.text))
	}
	return m
}

func (p *matchPlanner) idf(t matchTerm) float64 { return idf(p.docs, p.maxDF(t)) }

// plan builds the match query of a source document.
func (p *matchPlanner) plan(src matchSource) *matchPlan {
	st := newTextStats()
	pl := &matchPlan{sectors: src.sectors}
	tagKeys := map[string]bool{}
	for _, tag := range src.tags {
		ws := words(tag.text)
		if len(ws) == 0 {
			continue
		}
		folded := make([]string, len(ws))
		for i, w := range ws {
			folded[i] = w.fold
		}
		key := strings.Join(folded, " ")
		if tagKeys[key] {
			continue
		}
		tagKeys[key] = true
		forms := [][]string{folded}
		if sps := p.gloss.match(folded); len(sps) == 1 && sps[0].from == 0 && sps[0].to == len(folded) && glossaryWritten(ws) {
			forms = append(forms, sps[0].alts...)
		}
		if u, ok := p.unit(unitTag, tag.text, key, p.t.tag*tag.weight, p.t.tagMaxDF, forms); ok {
			pl.units = append(pl.units, u)
		}
		if p.t.tagText > 0 {
			st.add(tag.text, tag.weight*p.t.tagText, p.gloss)
		}
	}
	for _, tx := range src.texts {
		st.add(tx.text, tx.weight, p.gloss)
	}
	pl.words = st.all
	pl.units = append(pl.units, p.concepts(st, tagKeys)...)
	pl.units = append(pl.units, p.top(unitPair, st.pairs, st, sufBigram, p.t.pairs, p.t.pair)...)
	pl.units = append(pl.units, p.top(unitWord, st.words, st, "", p.t.words, p.t.word)...)
	pl.units = p.withinBudget(pl.units)
	return pl
}

// withinBudget bounds the postings a query reads on a large index: the units other than tags are taken
// rarest first (by the idf of their rarest form) until budget postings are spent; the commonest, which
// weigh least, are left out. The budget grows with the index, so a small one is never cut.
func (p *matchPlanner) withinBudget(units []matchUnit) []matchUnit {
	budget := p.t.budget + p.t.budgetPerDoc*p.docs
	cost := make([]float64, len(units))
	rarity := make([]float64, len(units))
	var total float64
	for i, u := range units {
		for _, form := range u.forms {
			var r float64
			for _, t := range form {
				for _, f := range p.target.fields {
					cost[i] += float64(p.df(f.name+t.suffix, t.text))
				}
				r = max(r, p.idf(t))
			}
			rarity[i] = max(rarity[i], r)
		}
		total += cost[i]
	}
	if total <= budget {
		return units
	}
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rarity[order[a]] > rarity[order[b]] })
	keep := make([]bool, len(units))
	var spent float64
	for _, i := range order {
		if units[i].kind == unitTag || spent+cost[i] <= budget {
			keep[i], spent = true, spent+cost[i]
		}
	}
	out := units[:0]
	for i, u := range units {
		if keep[i] {
			out = append(out, u)
		}
	}
	return out
}

// unit builds a unit from its forms (folded words), keeping the forms some document can match.
// A form whose rarest term is in more than maxRatio of the documents is left out: it says little and costs
// the most to read.
func (p *matchPlanner) unit(kind unitKind, label, fold string, weight, maxRatio float64, forms [][]string) (matchUnit, bool) {
	u := matchUnit{kind: kind, label: strings.ToLower(label), fold: fold, weight: weight}
	for _, f := range forms {
		terms := formTerms(f)
		rarest := uint64(math.MaxUint64)
		for _, t := range terms {
			rarest = min(rarest, p.maxDF(t))
		}
		if rarest > 0 && !p.tooCommon(rarest, maxRatio) {
			u.forms = append(u.forms, terms)
		}
	}
	return u, len(u.forms) > 0
}

// formTerms is how the index holds a phrase: a word, or the chain of its word pairs.
func formTerms(folded []string) []matchTerm {
	if len(folded) == 1 {
		return []matchTerm{{folded[0], ""}}
	}
	out := make([]matchTerm, 0, len(folded)-1)
	for i := 0; i+1 < len(folded); i++ {
		out = append(out, matchTerm{folded[i] + " " + folded[i+1], sufBigram})
	}
	return out
}

type ranked struct {
	key   string
	score float64
}

// top keeps the n words (or pairs) of the source with the highest tf-idf that some document has and
// not too many do.
func (p *matchPlanner) top(kind unitKind, tf map[string]float64, st *textStats, suffix string, n int, weight float64) []matchUnit {
	var cands []ranked
	for key, f := range tf {
		df := p.maxDF(matchTerm{key, suffix})
		if df == 0 || p.tooCommon(df, p.t.maxDFRatio) {
			continue
		}
		cands = append(cands, ranked{key, f * idf(p.docs, df)})
	}
	sortRanked(cands)
	var out []matchUnit
	for _, c := range cands[:min(n, len(cands))] {
		u := matchUnit{kind: kind, label: st.labels[c.key], fold: c.key, weight: weight * (1 + math.Log(max(1, tf[c.key]))),
			forms: [][]matchTerm{{{c.key, suffix}}}}
		u.rare = float64(p.maxDF(u.forms[0][0])) <= max(1, p.t.labelDF*p.docs)
		if kind == unitPair {
			u.at = st.pairAt[c.key]
		}
		out = append(out, u)
	}
	return out
}

// concepts keeps the glossary phrases of the text that are not tags, with their other forms, by tf-idf.
func (p *matchPlanner) concepts(st *textStats, tagKeys map[string]bool) []matchUnit {
	var cands []ranked
	units := map[string]matchUnit{}
	for key, f := range st.concepts {
		if tagKeys[key] {
			continue
		}
		u, ok := p.unit(unitConcept, st.labels[key], key, p.t.concept*(1+math.Log(max(1, f))), p.t.maxDFRatio,
			append([][]string{strings.Fields(key)}, st.alts[key]...))
		if !ok {
			continue
		}
		var best float64
		for _, form := range u.forms {
			var s float64
			for _, t := range form {
				s += p.idf(t)
			}
			best = max(best, s/float64(len(form)))
		}
		units[key] = u
		cands = append(cands, ranked{key, f * best})
	}
	sortRanked(cands)
	out := make([]matchUnit, 0, min(p.t.concepts, len(cands)))
	for _, c := range cands[:min(p.t.concepts, len(cands))] {
		out = append(out, units[c.key])
	}
	return out
}

func sortRanked(rs []ranked) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score
		}
		return rs[i].key < rs[j].key
	})
}
