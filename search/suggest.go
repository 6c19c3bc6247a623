package search

import (
	"context"
	"fmt"
	"github.com/hanoi-innovation/innonet/models"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Suggestion kinds.
const (
	SuggestMember = "member"
	SuggestSkill  = "skill"
	SuggestSector = "sector"
)

// Suggestion is one typeahead proposal.
type Suggestion = models.Suggestion

// maxGram is the longest edge n-gram indexed (see the vi_edge filter of the mapping).
const maxGram = 16

// Suggest proposes members (by name), skills and sectors for what the user is typing, from the second
// character on. Every word but the last must be complete; the last is a prefix. Unaccented input finds
// accented names.
func (ix *Index) Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error) {
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 50)
	ws := queryWords(prefix)
	if len(ws) == 0 || utf8.RuneCountInString(strings.TrimSpace(prefix)) < 2 {
		return []Suggestion{}, nil
	}
	if len(ws) > 8 {
		ws = ws[:8]
	}
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = w.plain
	}
	members, err := ix.suggestMembers(ctx, folded, limit)
	if err != nil {
		return nil, err
	}
	skills, err := ix.suggestSkills(ctx, folded, limit)
	if err != nil {
		return nil, err
	}
	sectors := ix.suggestSectors(folded, limit)
	return mergeSuggestions(limit, sectors, members, skills), nil
}

func (ix *Index) suggestMembers(ctx context.Context, folded []string, limit int) ([]Suggestion, error) {
	var must []query.Query
	for i, w := range folded {
		if i == len(folded)-1 && utf8.RuneCountInString(w) < 2 {
			continue
		}
		if r := []rune(w); len(r) > maxGram {
			w = string(r[:maxGram])
		}
		must = append(must, termQuery(fieldName+sufPrefix, w))
	}
	if len(must) == 0 {
		return nil, nil
	}
	bq := query.NewBooleanQuery(must, nil, nil)
	bq.AddFilter(termQuery(fieldDocType, typeMember))
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.Fields = []string{fieldName}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	out := make([]Suggestion, 0, len(res.Hits))
	for _, h := range res.Hits {
		name, _ := h.Fields[fieldName].(string)
		out = append(out, Suggestion{Kind: SuggestMember, Text: name, ID: strings.TrimPrefix(h.ID, memberPrefix)})
	}
	return out, nil
}

// suggestSkills proposes the skills with a word from which the folded prefix starts, most used first.
func (ix *Index) suggestSkills(ctx context.Context, folded []string, limit int) ([]Suggestion, error) {
	v, err := ix.newView(ctx)
	if err != nil {
		return nil, err
	}
	defer v.close()
	key := strings.Join(folded, " ")
	var out []Suggestion
	for _, e := range ix.skillTable(v) {
		for _, k := range e.keys {
			if strings.HasPrefix(k, key) {
				out = append(out, Suggestion{Kind: SuggestSkill, Text: e.text, Count: e.count})
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Text < out[j].Text
	})
	return out[:min(limit, len(out))], nil
}

// skillEntry is a skill of the index: as written, the folded suffixes it may be typed from ("máy tính" is
// found from "may" and from "tinh"), and how many documents have it.
type skillEntry struct {
	text  string
	keys  []string
	count int
}

// skillTable returns the skills of the view's snapshot, computed once per set of segments.
func (ix *Index) skillTable(v *view) []skillEntry {
	var sig strings.Builder
	for _, s := range v.segs {
		fmt.Fprintf(&sig, "%d/%d,", s.ss.Id(), s.ss.Count())
	}
	ix.skills.mu.Lock()
	defer ix.skills.mu.Unlock()
	if ix.skills.sig == sig.String() {
		return ix.skills.table
	}
	counts := map[string]int{}
	for _, s := range v.segs {
		for _, fv := range s.facetValues(fieldSkill) {
			counts[fv.value] += int(fv.docs.GetCardinality())
		}
	}
	table := make([]skillEntry, 0, len(counts))
	for text, n := range counts {
		words := strings.Fields(Fold(text))
		e := skillEntry{text: text, count: n}
		for i := range words {
			e.keys = append(e.keys, strings.Join(words[i:], " "))
		}
		table = append(table, e)
	}
	ix.skills.sig, ix.skills.table = sig.String(), table
	return table
}

// suggestSectors matches the prefix against the words of the sector labels, in both languages.
func (ix *Index) suggestSectors(folded []string, limit int) []Suggestion {
	if ix.tax == nil {
		return nil
	}
	key := strings.Join(folded, " ")
	var out []Suggestion
	for _, s := range ix.tax.Sectors {
		for _, label := range []string{s.LabelVI, s.LabelEN} {
			lw := strings.Fields(Fold(strings.ToLower(label)))
			found := false
			for i := range lw {
				if strings.HasPrefix(strings.Join(lw[i:], " "), key) {
					found = true
					break
				}
			}
			if found {
				out = append(out, Suggestion{Kind: SuggestSector, Text: label, ID: s.ID})
				break
			}
		}
		if len(out) == limit {
			break
		}
	}
	return out
}

// mergeSuggestions shares limit between the groups, in order, giving unused room to the others.
func mergeSuggestions(limit int, groups ...[]Suggestion) []Suggestion {
	out := []Suggestion{}
	taken := make([]int, len(groups))
	for len(out) < limit {
		progressed := false
		for g := range groups {
			if taken[g] < len(groups[g]) && len(out) < limit {
				out = append(out, groups[g][taken[g]])
				taken[g]++
				progressed = true
			}
		}
		if !progressed {
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return kindRank(out[i].Kind) < kindRank(out[j].Kind) })
	return out
}

func kindRank(k string) int {
	switch k {
	case SuggestSector:
		return 0
	case SuggestMember:
		return 1
	}
	return 2
}

func termQuery(field, value string) query.Query {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}
