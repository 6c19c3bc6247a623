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
	k1, b      float64 // BM25 term saturation and length normalization
	fieldTie   float64 // a term in several fields: best field + fieldTie * the others
	tag        float64 // weight of a tag unit (a required skill, as a phrase or a glossary form of it)
	concept    float64 // weight of a glossary phrase of the text
	pair       float64 // weight of a word pair of the text
	word       float64 // weight of a word of the text
	tagText    float64 // how much a tag's words count among the text's words
	words      int     // how many words the query keeps, by tf-idf
	pairs      int     // how many word pairs it keeps
	concepts   int     // how many glossary phrases of the text it keeps
	maxDFRatio float64 // words and pairs in more than this share of the documents are left out
	labelDF    float64 // a word is named among the matched terms when at most this share of documents has it
	sector     float64 // a candidate's score grows by up to this share with the sectors it shares
}

func defaultMatchTuning() matchTuning {
	return matchTuning{
		k1: 1.2, b: 0.75, fieldTie: 0.6,
		tag: 3, concept: 1, pair: 1.5, word: 0.3, tagText: 0,
		words: 25, pairs: 40, concepts: 12, maxDFRatio: 0.1, labelDF: 0.02, sector: 0.2,
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

func (t matchTerm) key() string { return t.suffix + "\x00" + t.text }

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
	ctx    context.Context
	r      index.IndexReader
	target matchTarget
	gloss  *Glossary
	t      matchTuning
	docs   float64 // documents of the target type
	dfs    map[string]uint64
}

func (p *matchPlanner) df(field, term string) uint64 {
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

// maxDF is a term's document frequency: the highest over the target's fields, as BM25F takes one.
func (p *matchPlanner) maxDF(t matchTerm) uint64 {
	var m uint64
	for _, f := range p.target.fields {
		m = max(m, p.df(f.name+t.suffix, t.text))
	}
	return m
}

func (p *matchPlanner) idf(t matchTerm) float64 { return idf(p.docs, p.maxDF(t)) }

// textStats gathers the weighted frequencies of the source's words, pairs and glossary phrases.
type textStats struct {
	words, pairs, concepts map[string]float64
	labels                 map[string]string // folded word, pair or phrase -> as first written
	pairAt                 map[string][]int
	alts                   map[string][][]string // glossary phrase -> its other forms
	all                    []labelWord
}

func newTextStats() *textStats {
	return &textStats{
		words: map[string]float64{}, pairs: map[string]float64{}, concepts: map[string]float64{},
		labels: map[string]string{}, pairAt: map[string][]int{}, alts: map[string][][]string{},
	}
}

func (s *textStats) label(key, text string) {
	if _, ok := s.labels[key]; !ok {
		s.labels[key] = strings.ToLower(text)
	}
}

// add counts the words of one text with its weight.
func (s *textStats) add(text string, weight float64, gloss *Glossary) {
	ws := words(text)
	if len(ws) == 0 {
		return
	}
	base := len(s.all)
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = w.fold
		s.all = append(s.all, labelWord{text: strings.ToLower(text[w.start:w.end]), fold: w.fold})
		if !noiseWord(w) {
			s.words[w.fold] += weight
			s.label(w.fold, text[w.start:w.end])
		}
		if i > 0 && !noiseWord(ws[i-1]) && !noiseWord(w) && strings.TrimSpace(text[ws[i-1].end:w.start]) == "" {
			key := folded[i-1] + " " + w.fold
			s.pairs[key] += weight
			s.pairAt[key] = append(s.pairAt[key], base+i-1)
		}
	}
	for _, sp := range gloss.match(folded) {
		if len(sp.alts) == 0 || !glossaryWritten(ws[sp.from:sp.to]) {
			continue
		}
		key := strings.Join(folded[sp.from:sp.to], " ")
		s.concepts[key] += weight
		s.label(key, text[ws[sp.from].start:ws[sp.to-1].end])
		s.alts[key] = sp.alts
	}
}

// noiseWord reports whether a word says nothing on its own: a function word, a number, a single letter.
func noiseWord(w word) bool {
	if isStopWord(w) || len(w.fold) < 2 {
		return true
	}
	return strings.Trim(w.fold, "0123456789.,") == ""
}

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
		if u, ok := p.unit(unitTag, tag.text, key, p.t.tag*tag.weight, forms); ok {
			pl.units = append(pl.units, u)
		}
		st.add(tag.text, tag.weight*p.t.tagText, p.gloss)
	}
	for _, tx := range src.texts {
		st.add(tx.text, tx.weight, p.gloss)
	}
	pl.words = st.all
	pl.units = append(pl.units, p.concepts(st, tagKeys)...)
	pl.units = append(pl.units, p.top(unitPair, st.pairs, st, sufBigram, p.t.pairs, p.t.pair)...)
	pl.units = append(pl.units, p.top(unitWord, st.words, st, "", p.t.words, p.t.word)...)
	return pl
}

// unit builds a unit from its forms (folded words), keeping the forms some document can match.
func (p *matchPlanner) unit(kind unitKind, label, fold string, weight float64, forms [][]string) (matchUnit, bool) {
	u := matchUnit{kind: kind, label: strings.ToLower(label), fold: fold, weight: weight}
	for _, f := range forms {
		terms := formTerms(f)
		ok := true
		for _, t := range terms {
			if p.maxDF(t) == 0 {
				ok = false
				break
			}
		}
		if ok {
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
		if df == 0 || float64(df) > p.t.maxDFRatio*p.docs {
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
		u, ok := p.unit(unitConcept, st.labels[key], key, p.t.concept*(1+math.Log(max(1, f))),
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
