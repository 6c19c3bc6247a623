package models

import (
	"crypto/rand"
	"strings"
)

const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// NewID returns a random identifier with a prefix, such as "st-7k2m9x4q3b1c": 12 characters of
// Crockford-style base32, 60 bits of randomness.
func NewID(prefix string) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	var s strings.Builder
	s.WriteString(prefix)
	s.WriteByte('-')
	for _, c := range b {
		s.WriteByte(idAlphabet[int(c)%len(idAlphabet)])
	}
	return s.String()
}

// MemberIDPrefix returns the id prefix of a kind, the same as the import files use.
func MemberIDPrefix(k Kind) string {
	switch k {
	case KindStartup:
		return "st"
	case KindExpert:
		return "ex"
	case KindInnovationCenter:
		return "ic"
	case KindAgency:
		return "ag"
	}
	return "mb"
}
