package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// Names of the token filters this package registers with Bleve. Bleve rebuilds an index's analyzers from the
// mapping stored on disk by looking names up in its process-wide registry, so a Go token filter can only be
// used by registering it there; this init is the one place where that happens, and it registers stateless
// constructors only.
const (
	foldFilterName = "innonet_vi_fold"
	toneFilterName = "innonet_vi_tone"
)

func init() {
	registry.RegisterTokenFilter(foldFilterName, func(config map[string]any, _ *registry.Cache) (analysis.TokenFilter, error) {
		stem, _ := config["stem"].(bool)
		return foldFilter{stem: stem}, nil
	})
	registry.RegisterTokenFilter(toneFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return toneFilter{}, nil
	})
}

// foldFilter folds each token to its unaccented form (see Fold) and, when stem is set, reduces English
// plurals and -ing/-ed forms (see stemEnglish). It only rewrites Term: Start and End still point into the
// original text, so highlights show the accented words.
type foldFilter struct{ stem bool }

func (f foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		w := Fold(string(t.Term))
		if f.stem {
			w = stemEnglish(w)
		}
		t.Term = []byte(w)
	}
	return in
}

// toneFilter brings each token to NFC with the tone mark in one canonical place (see NormalizeTone).
type toneFilter struct{}

func (toneFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(NormalizeTone(string(t.Term)))
	}
	return in
}

// Fold lower-cases s and removes every diacritic: "Đổi mới", "đổi mới" in NFD, "doi moi" and both tone
// placements all fold to "doi moi". Latin letters go through a precomputed table (see latinTable); other
// text is decomposed, stripped of nonspacing marks and recomposed.
func Fold(s string) string {
	var b []byte
	for i, r := range s {
		var out rune
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				out = r + 'a' - 'A'
			} else {
				if b != nil {
					b = append(b, byte(r))
				}
				continue
			}
		case r < latinEnd && latin.fold[r] != 0:
			out = latin.fold[r]
		case r >= latinEnd || unicode.Is(unicode.Mn, r) || unicode.IsUpper(r):
			return foldSlow(s)
		default:
			out = r
		}
		if b == nil {
			b = make([]byte, i, len(s))
			copy(b, s[:i])
		}
		b = utf8.AppendRune(b, out)
	}
	if b == nil {
		return s
	}
	return string(b)
}

// foldSlow folds any text: NFD, nonspacing marks dropped, đ to d, lower case, NFC.
func foldSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return norm.NFC.String(b.String())
}

// HasDiacritics reports whether s carries any Vietnamese mark or letter that Fold would remove.
func HasDiacritics(s string) bool {
	for _, r := range s {
		if r >= 0x80 && unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}

// The five Vietnamese tone marks as combining characters: grave, acute, hook above, tilde, dot below.
func isToneMark(r rune) bool {
	return r == '\u0300' || r == '\u0301' || r == '\u0309' || r == '\u0303' || r == '\u0323'
}

// isVowel reports whether r, without its tone, is a Vietnamese vowel; quality reports a vowel with a breve,
// circumflex or horn (ă â ê ô ơ ư), which carries the tone when present.
func isVowel(r rune) (vowel, quality bool) {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true, false
	case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
		return true, true
	}
	return false, false
}

// NormalizeTone returns s (one lower-cased word) in NFC with its tone mark on the vowel that the traditional
// rule chooses, the placement of the eval data: "hoà" becomes "hòa", "thuỷ" "thủy", "khoẻ" "khỏe". Words
// that are not Vietnamese syllables are only brought to NFC.
func NormalizeTone(s string) string {
	letters := make([]rune, 0, len(s))
	var tone rune
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
		case r >= latinEnd || latin.marks[r]:
			return normalizeToneSlow(s)
		case latin.tone[r] != 0:
			if tone != 0 {
				return normalizeToneSlow(s)
			}
			tone = latin.tone[r]
			r = latin.toneless[r]
		}
		letters = append(letters, r)
	}
	if tone == 0 {
		return s
	}
	at := tonePosition(letters)
	if at < 0 {
		return normalizeToneSlow(s)
	}
	c, ok := latin.compose[[2]rune{letters[at], tone}]
	if !ok {
		return normalizeToneSlow(s)
	}
	letters[at] = c
	return string(letters)
}

// normalizeToneSlow is NormalizeTone for any input: NFD, tone mark taken out, put back, NFC.
func normalizeToneSlow(s string) string {
	s = norm.NFC.String(s)
	tone, base := rune(0), make([]rune, 0, len(s))
	for _, r := range norm.NFD.String(s) {
		if isToneMark(r) && tone == 0 {
			tone = r
			continue
		}
		base = append(base, r)
	}
	if tone == 0 {
		return s
	}
	letters := []rune(norm.NFC.String(string(base)))
	at := tonePosition(letters)
	if at < 0 {
		return s
	}
	out := make([]rune, 0, len(letters)+1)
	out = append(out, letters[:at+1]...)
	out = append(out, tone)
	out = append(out, letters[at+1:]...)
	return norm.NFC.String(string(out))
}

// latinEnd bounds the runes of latinTable: Latin-1, Latin Extended A/B and Latin Extended Additional, where
// every Vietnamese letter lives.
const latinEnd = 0x2000

// latinTable holds, for each rune below latinEnd, what folding and tone placement need, so that neither has
// to normalize Unicode on the hot path of indexing.
type latinTable struct {
	fold     [latinEnd]rune   // the lower-case base letter without marks (đ -> d); 0 when not a letter with marks
	tone     [latinEnd]rune   // the combining tone mark the rune carries, or 0
	toneless [latinEnd]rune   // the rune without its tone mark, quality marks kept (ộ -> ô)
	marks    [latinEnd]bool   // combining marks: their presence sends text to the slow path
	compose  map[[2]rune]rune // toneless vowel and tone mark -> precomposed vowel
}

// latin is computed once from the Unicode tables of golang.org/x/text and never written after.
var latin = newLatinTable()

func newLatinTable() *latinTable {
	t := &latinTable{compose: map[[2]rune]rune{}}
	for r := rune(0x80); r < latinEnd; r++ {
		if unicode.Is(unicode.Mn, r) {
			t.marks[r] = true
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		if r == 'đ' || r == 'Đ' {
			t.fold[r] = 'd'
			continue
		}
		if len(d) < 2 || d[0] >= utf8.RuneSelf {
			if unicode.IsUpper(r) {
				t.fold[r] = unicode.ToLower(r)
			}
			continue
		}
		t.fold[r] = unicode.ToLower(d[0])
		var kept []rune
		for _, m := range d {
			if isToneMark(m) && t.tone[r] == 0 {
				t.tone[r] = m
				continue
			}
			kept = append(kept, m)
		}
		if t.tone[r] != 0 {
			base := []rune(norm.NFC.String(string(kept)))
			if len(base) == 1 {
				t.toneless[r] = base[0]
				t.compose[[2]rune{base[0], t.tone[r]}] = r
			} else {
				t.tone[r] = 0
			}
		}
	}
	return t
}

// tonePosition returns the index of the vowel that carries the tone in a toneless syllable, or -1.
func tonePosition(w []rune) int {
	start := 0
	for start < len(w) {
		if v, _ := isVowel(w[start]); v {
			break
		}
		start++
	}
	if start == len(w) {
		return -1
	}
	end := start
	for end < len(w) {
		if v, _ := isVowel(w[end]); !v {
			break
		}
		end++
	}
	if start > 0 && end-start > 1 {
		prev, first := w[start-1], w[start]
		if (prev == 'q' && first == 'u') || (prev == 'g' && first == 'i') {
			start++
		}
	}
	for i := end - 1; i >= start; i-- {
		if _, q := isVowel(w[i]); q {
			return i
		}
	}
	switch n := end - start; {
	case n == 1:
		return start
	case n == 2 && end == len(w):
		return start
	case n == 2:
		return start + 1
	default:
		return start + 1
	}
}

// stemEnglish reduces an ASCII word's English plural, -ing, -ed and final -e forms ("sensors" -> "sensor",
// "modelling" -> "model", "shared" and "share" -> "shar"). Folded Vietnamese syllables never end in -s, -ing
// or -ed, and those ending in -e are short or end in -oe/-he, which are kept, so they pass through untouched.
func stemEnglish(w string) string {
	if len(w) < 4 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return w
		}
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		w = w[:n-1]
	case strings.HasSuffix(w, "ing") && n > 5:
		w = w[:n-3]
	case strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") && n > 4:
		w = w[:n-2]
	}
	w = undouble(w)
	if n = len(w); n >= 4 && w[n-1] == 'e' && w[n-2] != 'o' && w[n-2] != 'h' && w[n-2] != 'e' {
		return w[:n-1]
	}
	return w
}

// undouble drops a doubled final consonant ("modell" -> "model", "scann" -> "scan", "skill" -> "skil").
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiosz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
