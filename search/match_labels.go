package search

import (
	"sort"
	"strings"
)

// maxLabels bounds the Matched labels of a candidate.
const maxLabels = 10

// labels lists what a document matched, most telling first: tags and glossary phrases as the source names
// them, then the runs of matched word pairs as phrases ("đèn tín" and "tín hiệu" make "đèn tín hiệu"), then
// single words that few documents have (or the first one matched, when nothing else was); a label that an
// earlier one already says is left out. buf is scratch space, one bool per
// word of the source.
func (pl *matchPlan) labels(bits []uint64, buf []bool) []string {
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
	for _, r := range pl.pairRuns(has, buf) {
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
	at          int
}

// pairRuns joins the matched word pairs that follow one another in the source into phrases, heaviest first.
func (pl *matchPlan) pairRuns(has func(int) bool, buf []bool) []pairRun {
	clear(buf)
	weight := map[int]float64{}
	for i, u := range pl.units {
		if u.kind != unitPair || !has(i) {
			continue
		}
		for _, at := range u.at {
			buf[at] = true
			weight[at] = max(weight[at], u.weight)
		}
	}
	var runs []pairRun
	seen := map[string]bool{}
	for i := 0; i < len(buf); i++ {
		if !buf[i] {
			continue
		}
		j, w := i, weight[i]
		for j+1 < len(buf) && buf[j+1] {
			j++
			w += weight[j]
		}
		texts, folds := make([]string, 0, j-i+2), make([]string, 0, j-i+2)
		for _, lw := range pl.words[i : j+2] {
			texts, folds = append(texts, lw.text), append(folds, lw.fold)
		}
		if f := strings.Join(folds, " "); !seen[f] {
			seen[f] = true
			runs = append(runs, pairRun{strings.Join(texts, " "), f, w, i})
		}
		i = j
	}
	sort.SliceStable(runs, func(a, b int) bool { return runs[a].weight > runs[b].weight })
	return runs
}
