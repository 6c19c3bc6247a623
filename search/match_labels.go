package search

import (
	"slices"
	"strings"
)

// maxLabels bounds the Matched labels of a candidate.
const maxLabels = 10

// labelScratch is reused space for labels, one slot per word of the source.
type labelScratch struct {
	matched []bool    // a matched pair starts at the word
	weight  []float64 // the weight of that pair
}

func newLabelScratch(n int) *labelScratch {
	return &labelScratch{matched: make([]bool, n), weight: make([]float64, n)}
}

// labels lists what a document matched, most telling first: tags and glossary phrases as the source names
// them, then the runs of matched word pairs as phrases ("đèn tín" and "tín hiệu" make "đèn tín hiệu"), then
// single words that few documents have (or the first one matched, when nothing else was); a label that an
// earlier one already says is left out.
func (pl *matchPlan) labels(bits []uint64, sc *labelScratch) []string {
	has := func(i int) bool { return bits[i/64]&(1<<(i%64)) != 0 }
	var out, said []string
	push := func(label, fold string) {
		if len(out) == maxLabels || label == "" {
			return
		}
		for _, s := range said {
			if strings.Contains(" "+s+" ", " "+fold+" ") {
				return
			}
		}
		out, said = append(out, label), append(said, fold)
	}
	for i, u := range pl.units {
		if has(i) && (u.kind == unitTag || u.kind == unitConcept) {
			push(u.label, u.fold)
		}
	}
	for _, r := range pl.pairRuns(has, sc) {
		push(r.label, r.fold)
	}
	for i, u := range pl.units {
		if has(i) && u.kind == unitWord && (u.rare || len(out) == 0) {
			push(u.label, u.fold)
		}
	}
	return out
}

type pairRun struct {
	label, fold string
	weight      float64
}

// pairRuns joins the matched word pairs that follow one another in the source into phrases, heaviest first.
func (pl *matchPlan) pairRuns(has func(int) bool, sc *labelScratch) []pairRun {
	clear(sc.matched)
	for i, u := range pl.units {
		if u.kind != unitPair || !has(i) {
			continue
		}
		for _, at := range u.at {
			if !sc.matched[at] || sc.weight[at] < u.weight {
				sc.matched[at], sc.weight[at] = true, u.weight
			}
		}
	}
	var runs []pairRun
	for i := 0; i < len(sc.matched); i++ {
		if !sc.matched[i] {
			continue
		}
		j, w := i, sc.weight[i]
		for j+1 < len(sc.matched) && sc.matched[j+1] {
			j++
			w += sc.weight[j]
		}
		texts, folds := make([]string, 0, j-i+2), make([]string, 0, j-i+2)
		for _, lw := range pl.words[i : j+2] {
			texts, folds = append(texts, lw.text), append(folds, lw.fold)
		}
		f := strings.Join(folds, " ")
		if !slices.ContainsFunc(runs, func(r pairRun) bool { return r.fold == f }) {
			runs = append(runs, pairRun{strings.Join(texts, " "), f, w})
		}
		i = j
	}
	slices.SortStableFunc(runs, func(a, b pairRun) int {
		switch {
		case a.weight > b.weight:
			return -1
		case a.weight < b.weight:
			return 1
		}
		return 0
	})
	return runs
}
