package search

import (
	"bufio"
	"bytes"
	"strings"
)

// glossaryAccents maps each folded glossary form to the forms as written (lower case, one tone placement).
// Folding merges words that the glossary keeps apart ("xã" commune and "xa" far, "chợ" market and "cho"
// for), so a match query takes a glossary phrase of its source only when the source writes it as the
// glossary does. It is computed once from the embedded glossary and never written after.
var glossaryAccents = parseGlossaryAccents(glossaryText)

func parseGlossaryAccents(text []byte) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(text))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		for _, f := range strings.Split(line, "|") {
			ws := words(strings.TrimSpace(f))
			if len(ws) == 0 {
				continue
			}
			key := foldedKey(ws)
			if out[key] == nil {
				out[key] = map[string]bool{}
			}
			out[key][exactKey(ws)] = true
		}
	}
	return out
}

func exactKey(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.exact
	}
	return strings.Join(parts, " ")
}

// glossaryWritten reports whether the source words ws, which fold to a glossary form, are that form as the
// glossary writes it. Words typed without any diacritics are taken at their folded value when they make a
// phrase of several words, or when the glossary writes the form without diacritics too.
func glossaryWritten(ws []word) bool {
	forms := glossaryAccents[foldedKey(ws)]
	if forms[exactKey(ws)] {
		return true
	}
	for _, w := range ws {
		if w.accented {
			return false
		}
	}
	if len(ws) > 1 {
		return true
	}
	for f := range forms {
		if !HasDiacritics(f) {
			return true
		}
	}
	return false
}
