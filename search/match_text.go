package search

import "strings"

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
