package search

import (
	"bytes"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/segment"
)

// tokenizer splits a text into lower-cased words exactly as the mapping's analyzers begin (Bleve's unicode
// tokenizer, then its lower-case filter: TestTokenizerMatchesBleve), without allocating a token per word:
// it segments the whole text at once into buffers it keeps between texts.
type tokenizer struct {
	buf   []byte
	vals  [][]byte
	types []int
}

var tokenizers = sync.Pool{New: func() any { return &tokenizer{} }}

// words returns the lower-cased words of s; they stay valid until the next call.
func (t *tokenizer) words(s string) [][]byte {
	t.buf = append(t.buf[:0], s...)
	vals, types, _, err := segment.SegmentWordsDirect(t.buf, t.vals[:0], t.types[:0])
	if err != nil {
		vals, types = vals[:0], types[:0]
	}
	out := vals[:0]
	for i, v := range vals {
		if types[i] != segment.None {
			out = append(out, toLower(v))
		}
	}
	t.vals, t.types = vals, types
	return out
}

// toLower lower-cases s in place as Bleve's lower-case filter does (a final capital sigma becomes ς),
// returning a new slice only when a lower-case letter is wider than its capital.
func toLower(s []byte) []byte {
	j := 0
	for i := 0; i < len(s); {
		wid := 1
		r := rune(s[i])
		if r >= utf8.RuneSelf {
			r, wid = utf8.DecodeRune(s[i:])
		}
		l := unicode.ToLower(r)
		if l == r {
			i += wid
			j += wid
			continue
		}
		if l == 'σ' && i+2 == len(s) {
			l = 'ς'
		}
		lwid := utf8.RuneLen(l)
		if lwid > wid {
			rest := bytes.ToLower(s[i:])
			rv := make([]byte, j+len(rest))
			copy(rv[:j], s[:j])
			copy(rv[j:], rest)
			return rv
		}
		utf8.EncodeRune(s[j:], l)
		i += wid
		j += lwid
	}
	return s[:j]
}
