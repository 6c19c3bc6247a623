package models

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fieldErrors collects field errors while a value is validated.
type fieldErrors []FieldError

func (f *fieldErrors) add(pointer, format string, args ...any) {
	*f = append(*f, FieldError{Pointer: pointer, Detail: fmt.Sprintf(format, args...)})
}

func (f fieldErrors) err() error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(f...)
}

// text checks a free-text field's length in characters.
func (f *fieldErrors) text(pointer, v string, min, max int, required bool) {
	n := utf8.RuneCountInString(strings.TrimSpace(v))
	switch {
	case n == 0 && required:
		f.add(pointer, "is required")
	case n == 0:
	case n < min:
		f.add(pointer, "must have at least %d characters", min)
	case n > max:
		f.add(pointer, "must have at most %d characters", max)
	}
}

// tags checks a list of short strings (skills, services...).
func (f *fieldErrors) tags(pointer string, vs []string, maxItems, maxLen int) {
	if len(vs) > maxItems {
		f.add(pointer, "must have at most %d items", maxItems)
		return
	}
	for i, v := range vs {
		n := utf8.RuneCountInString(v)
		if n == 0 || n > maxLen {
			f.add(fmt.Sprintf("%s/%d", pointer, i), "must have 1 to %d characters", maxLen)
		}
	}
}

// NormalizeText trims and normalizes text to Unicode NFC, the form innonet stores and indexes.
func NormalizeText(s string) string {
	return strings.TrimSpace(norm.NFC.String(s))
}

// NormalizeTags normalizes, lower-cases and de-duplicates tags, keeping their order.
func NormalizeTags(tags []string) []string {
	if tags == nil {
		return nil
	}
	out := make([]string, 0, len(tags))
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		t = strings.ToLower(NormalizeText(t))
		t = strings.Join(strings.Fields(t), " ")
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

// NormalizeEmail lower-cases and trims an email address.
func NormalizeEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(norm.NFC.String(s)))
}

// ValidEmail is a deliberately simple check: one @, something on each side, a dot in the domain, no spaces.
func ValidEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at == len(s)-1 || len(s) > 254 || strings.ContainsAny(s, " \t\r\n<>,;") {
		return false
	}
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}
