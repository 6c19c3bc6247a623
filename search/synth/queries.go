package synth

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// QueryTexts are search texts in the shape of real requests: the headlines and skills of the vocabulary's
// members.
func QueryTexts(base []*models.Member) []string {
	var out []string
	for _, m := range base {
		out = append(out, m.Headline)
		out = append(out, m.Skills...)
	}
	return slices.DeleteFunc(out, func(s string) bool { return strings.TrimSpace(s) == "" })
}

// Typo drops one letter (not the first or last) of the longest word of s.
func Typo(s string, rng *rand.Rand) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return s
	}
	i := 0
	for j, w := range words {
		if len([]rune(w)) > len([]rune(words[i])) {
			i = j
		}
	}
	r := []rune(words[i])
	if len(r) > 3 {
		k := 1 + rng.IntN(len(r)-2)
		words[i] = string(r[:k]) + string(r[k+1:])
	}
	return strings.Join(words, " ")
}
