package search

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

//go:embed glossary.txt
var glossaryText []byte

// Glossary holds groups of equivalent terms of the domain, Vietnamese and English ("chất lượng không khí |
// air quality"). A query phrase found in a group is expanded with the group's other forms, so an English
// query finds Vietnamese profiles and the other way round.
type Glossary struct {
	groups   [][][]string     // group -> forms -> folded words
	byKey    map[string][]int // folded phrase -> groups holding it
	related  [][][]string     // groups of related, not equivalent, terms ("~" lines)
	relByKey map[string][]int // folded phrase -> related groups holding it
	maxLen   int              // longest form, in words
}

// DefaultGlossary parses the glossary shipped with the package.
func DefaultGlossary() (*Glossary, error) {
	return ParseGlossary(bytes.NewReader(glossaryText))
}

// ParseGlossary reads a glossary: one group per line, forms separated by "|", "#" starts a comment. A line
// that starts with "~" is a group of related terms: its first form (a topic) expands to the others (what
// the topic covers), with less weight than an equivalent form; the others do not expand.
func ParseGlossary(r io.Reader) (*Glossary, error) {
	g := &Glossary{byKey: map[string][]int{}, relByKey: map[string][]int{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		groups, byKey := &g.groups, g.byKey
		if t, ok := strings.CutPrefix(strings.TrimSpace(text), "~"); ok {
			text, groups, byKey = t, &g.related, g.relByKey
		}
		var forms [][]string
		for _, f := range strings.Split(text, "|") {
			ws := words(strings.TrimSpace(f))
			if len(ws) == 0 {
				continue
			}
			key := foldedKey(ws)
			forms = append(forms, strings.Fields(key))
		}
		if len(forms) == 0 {
			continue
		}
		if len(forms) == 1 {
			return nil, fmt.Errorf("glossary line %d: a group needs at least two forms", line)
		}
		id := len(*groups)
		*groups = append(*groups, forms)
		keys := forms
		if groups == &g.related {
			keys = forms[:1]
		}
		for _, f := range keys {
			key := strings.Join(f, " ")
			if ids := byKey[key]; len(ids) == 0 || ids[len(ids)-1] != id {
				byKey[key] = append(ids, id)
			}
			g.maxLen = max(g.maxLen, len(f))
		}
	}
	return g, sc.Err()
}

// Len returns the number of groups, related ones included.
func (g *Glossary) Len() int { return len(g.groups) + len(g.related) }

// span is a run of query words that the glossary knows, with the other forms of its groups.
type span struct {
	from, to int        // words [from, to) of the query
	alts     [][]string // other forms, folded words
	subAlts  [][]string // forms of the glossary phrases inside the span ("nhà kính" in "nhà kính thông minh")
	related  [][]string // forms of the related groups of the span's phrase
}

// match finds glossary phrases in the folded query words, longest first and left to right. Words that no
// phrase covers are not reported.
func (g *Glossary) match(folded []string) []span {
	var out []span
	for i := 0; i < len(folded); {
		n := min(g.maxLen, len(folded)-i)
		for ; n > 0; n-- {
			key := strings.Join(folded[i:i+n], " ")
			if len(g.byKey[key]) > 0 || len(g.relByKey[key]) > 0 {
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		sp := span{from: i, to: i + n}
		seen := map[string]bool{}
		for a := i; a < i+n; a++ {
			for b := a + 1; b <= i+n; b++ {
				seen[strings.Join(folded[a:b], " ")] = true
			}
		}
		sp.alts = g.forms(g.groups, g.byKey, folded[i:i+n], seen)
		for a := i; a < i+n; a++ {
			for b := a + 1; b <= i+n; b++ {
				if b-a < n {
					sp.subAlts = append(sp.subAlts, g.forms(g.groups, g.byKey, folded[a:b], seen)...)
				}
			}
		}
		sp.related = g.forms(g.related, g.relByKey, folded[i:i+n], seen)
		out = append(out, sp)
		i += n
	}
	return out
}

// forms returns the forms of the groups holding the phrase that are not in seen, and adds them to seen.
func (g *Glossary) forms(groups [][][]string, byKey map[string][]int, phrase []string, seen map[string]bool) [][]string {
	var out [][]string
	for _, id := range byKey[strings.Join(phrase, " ")] {
		for _, f := range groups[id] {
			if k := strings.Join(f, " "); !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	return out
}
