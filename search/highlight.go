package search

import (
	"html"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"strings"
	"unicode/utf8"
)

// Highlight sizes, in bytes of the original text.
const (
	fragmentSize = 200 // a fragment of a long field
	maxFragments = 2
	shortField   = 300 // fields up to this size are shown whole
)

// highlights marks, in each named stored field, the words whose folded form is in marks. The text is the
// original (accented) text, HTML-escaped; only <mark> tags are added.
func highlights(fields map[string]any, marks map[string]bool, names []string) map[string][]string {
	out := map[string][]string{}
	if len(marks) == 0 {
		return out
	}
	for _, name := range names {
		text, _ := fields[name].(string)
		if text == "" {
			continue
		}
		spans := markedSpans(text, marks)
		if len(spans) == 0 {
			continue
		}
		if len(text) <= shortField {
			out[name] = []string{markText(text, 0, len(text), spans)}
			continue
		}
		out[name] = fragments(text, spans)
	}
	return out
}

// HighlightText marks the words of text that a query would match (folded, so "giao thong" marks "giao
// thông"), HTML-escaping the rest. It is the highlighter of the search results, for callers that show text
// the index does not store.
func HighlightText(text, queryText string) string {
	marks := map[string]bool{}
	for _, w := range queryWords(queryText) {
		marks[w.fold] = true
	}
	return markText(text, 0, len(text), markedSpans(text, marks))
}

// markedSpans returns the byte ranges of the words of text whose folded form is in marks.
func markedSpans(text string, marks map[string]bool) [][2]int {
	var spans [][2]int
	for _, t := range unicode.NewUnicodeTokenizer().Tokenize([]byte(text)) {
		if marks[stemEnglish(Fold(string(t.Term)))] {
			spans = append(spans, [2]int{t.Start, t.End})
		}
	}
	return spans
}

// fragments cuts up to maxFragments windows of about fragmentSize bytes around the first marked words.
func fragments(text string, spans [][2]int) []string {
	var out []string
	next := 0
	for i := 0; i < len(spans) && len(out) < maxFragments; {
		from := wordStart(text, max(next, spans[i][0]-fragmentSize/4))
		to := wordEnd(text, min(len(text), from+fragmentSize))
		var in [][2]int
		for i < len(spans) && spans[i][1] <= to {
			in = append(in, spans[i])
			i++
		}
		if len(in) == 0 {
			to = spans[i][1]
			in = append(in, spans[i])
			i++
		}
		frag := markText(text, from, to, in)
		if from > 0 {
			frag = "…" + frag
		}
		if to < len(text) {
			frag += "…"
		}
		out = append(out, frag)
		next = to
	}
	return out
}

// markText escapes text[from:to] and wraps the spans (sorted, inside the range) in <mark> tags.
func markText(text string, from, to int, spans [][2]int) string {
	var b strings.Builder
	at := from
	for _, s := range spans {
		if s[0] < at || s[1] > to {
			continue
		}
		b.WriteString(html.EscapeString(text[at:s[0]]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s[0]:s[1]]))
		b.WriteString("</mark>")
		at = s[1]
	}
	b.WriteString(html.EscapeString(text[at:to]))
	return strings.TrimSpace(b.String())
}

// wordStart moves i back to the start of a word (after a space), staying on a rune boundary.
func wordStart(text string, i int) int {
	if i <= 0 {
		return 0
	}
	for j := i; j > 0 && i-j < 40; j-- {
		if text[j-1] == ' ' {
			return j
		}
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// wordEnd moves i forward to the end of a word (before a space), staying on a rune boundary.
func wordEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for j := i; j < len(text) && j-i < 40; j++ {
		if text[j] == ' ' {
			return j
		}
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}
