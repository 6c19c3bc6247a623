package auth

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/hanoi-innovation/innonet/models"
)

// Bounds of a new password, in characters (after NFKC normalization).
const (
	MinPasswordLength = 10
	MaxPasswordLength = 128
)

// CheckPassword applies the password policy to a new password: between MinPasswordLength and
// MaxPasswordLength characters, any characters at all (spaces and any script included), but not one character
// repeated. It returns a CodeInvalid error for the field "/password".
func CheckPassword(pw string) error {
	fail := func(detail string) error {
		return models.Invalid(models.FieldError{Pointer: "/password", Detail: detail})
	}
	if !utf8.ValidString(pw) {
		return fail("contains characters that are not valid text")
	}
	pw = norm.NFKC.String(pw)
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLength:
		return fail("must have at least 10 characters")
	case n > MaxPasswordLength:
		return fail("must have at most 128 characters")
	case allSame(pw):
		return fail("must not be a single character repeated")
	}
	return nil
}

func allSame(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}
