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

// Fold lower-cases s and removes every diacritic: it decomposes to NFD, drops nonspacing marks and maps đ to
// d, so "Đổi mới", "đổi mới" in NFD, "doi moi" and both tone placements fold to "doi moi".
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
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
