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
	groups [][][]string     // group -> forms -> folded words
	byKey  map[string][]int // folded phrase -> groups holding it
	maxLen int              // longest form, in words
}

// DefaultGlossary parses the glossary shipped with the package.
func DefaultGlossary() (*Glossary, error) {
	return ParseGlossary(bytes.NewReader(glossaryText))
}

// ParseGlossary reads a glossary: one group per line, forms separated by "|", "#" starts a comment.
func ParseGlossary(r io.Reader) (*Glossary, error) {
	g := &Glossary{byKey: map[string][]int{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
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
		id := len(g.groups)
		g.groups = append(g.groups, forms)
		for _, f := range forms {
			key := strings.Join(f, " ")
			if ids := g.byKey[key]; len(ids) == 0 || ids[len(ids)-1] != id {
				g.byKey[key] = append(ids, id)
			}
			g.maxLen = max(g.maxLen, len(f))
		}
	}
	return g, sc.Err()
}

// Len returns the number of groups.
func (g *Glossary) Len() int { return len(g.groups) }

// span is a run of query words that the glossary knows, with the other forms of its groups.
type span struct {
	from, to int        // words [from, to) of the query
	alts     [][]string // other forms, folded words
	subAlts  [][]string // forms of the glossary phrases inside the span ("nhà kính" in "nhà kính thông minh")
}

// match finds glossary phrases in the folded query words, longest first and left to right. Words that no
// phrase covers are not reported.
func (g *Glossary) match(folded []string) []span {
	var out []span
	for i := 0; i < len(folded); {
		n := min(g.maxLen, len(folded)-i)
		for ; n > 0; n-- {
			if _, ok := g.byKey[strings.Join(folded[i:i+n], " ")]; ok {
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
		sp.alts = g.forms(folded[i:i+n], seen)
		for a := i; a < i+n; a++ {
			for b := a + 1; b <= i+n; b++ {
				if b-a < n {
					sp.subAlts = append(sp.subAlts, g.forms(folded[a:b], seen)...)
				}
			}
		}
		out = append(out, sp)
		i += n
	}
	return out
}

// forms returns the forms of the groups holding the phrase that are not in seen, and adds them to seen.
func (g *Glossary) forms(phrase []string, seen map[string]bool) [][]string {
	var out [][]string
	for _, id := range g.byKey[strings.Join(phrase, " ")] {
		for _, f := range g.groups[id] {
			if k := strings.Join(f, " "); !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	return out
}
