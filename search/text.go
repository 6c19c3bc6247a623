package search

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"golang.org/x/text/unicode/norm"
)

// Limits on what a query may cost, whatever the user typed.
const (
	maxQueryRunes  = 1000 // longer text is cut
	maxQueryTokens = 32   // further words are ignored
)

// word is one word of a text as the analyzers see it: folded and stemmed (the fold field's term), exact
// (the exact field's term) and where it is in the text.
type word struct {
	fold, exact string
	plain       string // folded but not stemmed: typeahead prefixes
	accented    bool
	start, end  int
}

// words splits s as the index's analyzers do (Unicode word boundaries, lower case) and returns each word's
// folded and exact forms with its byte offsets in s. s should be NFC, as stored text is.
func words(s string) []word {
	toks := unicode.NewUnicodeTokenizer().Tokenize([]byte(s))
	out := make([]word, 0, len(toks))
	for _, t := range toks {
		raw := strings.ToLower(string(t.Term))
		plain := Fold(raw)
		out = append(out, word{
			fold:     stemEnglish(plain),
			plain:    plain,
			exact:    NormalizeTone(raw),
			accented: HasDiacritics(raw),
			start:    t.Start,
			end:      t.End,
		})
	}
	return out
}

// queryWords normalizes a user's query text and splits it into at most maxQueryTokens words.
func queryWords(text string) []word {
	if utf8.RuneCountInString(text) > maxQueryRunes {
		text = string([]rune(text)[:maxQueryRunes])
	}
	text = strings.ToValidUTF8(text, " ")
	ws := words(norm.NFC.String(text))
	if len(ws) > maxQueryTokens {
		ws = ws[:maxQueryTokens]
	}
	return ws
}

// foldedKey joins the folded forms of ws, the key of glossary phrases and bigram terms.
func foldedKey(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.fold
	}
	return strings.Join(parts, " ")
}
