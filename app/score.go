package app

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/hanoi-innovation/innonet/models"
)

// Concepts tells whether two skills or topics name the same thing, across languages ("computer vision" and
// "thị giác máy tính"). The search index implements it with its glossary.
type Concepts interface {
	SameConcept(a, b string) bool
}

// Weights are the weights of the match features. The four feature weights add up to 1; the factors
// scale the whole score.
type Weights struct {
	Text    float64 // text relevance, relative to the best candidate of the request
	Skills  float64 // share of the required skills the member has
	Sectors float64 // share of the challenge's sectors the member works in
	Fit     float64 // kind wanted, verification, completeness, availability

	TextCurve     float64 // exponent of the relative text relevance: below 1 lifts the runners-up
	SkillInText   float64 // credit of a required skill found only in the profile's text
	SkillPartial  float64 // credit of a skill sharing most of its words with one of the member's
	NotPreferred  float64 // highest score of a kind the challenge's preferred kinds leave out: a partial fit at best
	CenterFactor  float64 // factor of an innovation center even when preferred: centers host, rarely solve
	PrimarySector float64 // weight of the challenge's first sector among its sectors (the others: 1)
}

// DefaultWeights are the weights measured best on the dev split of ../shared/eval (see match_eval_test.go),
// tuned to kinds of evidence, never to single challenges.
func DefaultWeights() Weights {
	return Weights{
		Text: 0.45, Skills: 0.30, Sectors: 0.15, Fit: 0.10,
		TextCurve: 1, SkillInText: 0.6, SkillPartial: 0.5, NotPreferred: 0.4, CenterFactor: 1, PrimarySector: 1,
	}
}

// Scorer turns a retrieved candidate into a score from 0 to 100 and the reasons for it, in Vietnamese and
// English. It is a plain function of the challenge, the member and the retrieval signal, so it can be
// tested and tuned alone.
type Scorer struct {
	Taxonomy *models.Taxonomy
	// Concepts may be nil: skills then match when they are equal once folded.
	Concepts Concepts
	// Weights may be zero: DefaultWeights then apply.
	Weights Weights
}

func (sc Scorer) weights() Weights {
	if sc.Weights == (Weights{}) {
		return DefaultWeights()
	}
	return sc.Weights
}

// Score scores the pairing of c and m; top is the best relevance among the candidates of the same request.
func (sc Scorer) Score(c *models.Challenge, m *models.Member, cand models.Candidate, top float64) (int, []models.Reason) {
	score, reasons := sc.score(c, m, cand, top)
	return percent(score), reasons
}

func percent(score float64) int { return int(math.Round(100 * min(1, max(0, score)))) }

// score is Score from 0 to 1, unrounded.
func (sc Scorer) score(c *models.Challenge, m *models.Member, cand models.Candidate, top float64) (float64, []models.Reason) {
	w := sc.weights()
	text := 0.0
	if top > 0 {
		text = math.Pow(min(1, cand.Relevance/top), w.TextCurve)
	}
	skills := sc.skillMatches(c.RequiredSkills, m)
	skillShare := 0.0
	for _, s := range skills {
		skillShare += s.credit
	}
	if len(c.RequiredSkills) > 0 {
		skillShare /= float64(len(c.RequiredSkills))
	}
	sectors, sectorShare := sectorOverlap(c.Sectors, m.Sectors, w.PrimarySector)
	fit := kindFit(c, m)
	score := w.Text*text + w.Skills*skillShare + w.Sectors*sectorShare + w.Fit*fit
	switch {
	case !preferred(c, m.Kind):
		score = min(score, w.NotPreferred)
	case m.Kind == models.KindInnovationCenter:
		score *= w.CenterFactor
	}
	return score, sc.reasons(c, m, cand, skills, sectors)
}

// skillMatch is a required skill the member covers, how (the member's own words for it) and how surely.
type skillMatch struct {
	required, as string
	credit       float64
}

// skillMatches returns the required skills the member covers: in its skills (the same concept, or a skill
// that names it and more), in its headline, description or services, or in part (a skill that names a
// part of it, or shares most of its word pairs).
func (sc Scorer) skillMatches(required []string, m *models.Member) []skillMatch {
	w := sc.weights()
	have := make([]string, len(m.Skills))
	for i, s := range m.Skills {
		have[i] = normPhrase(s)
	}
	text := " " + normPhrase(strings.Join(append([]string{m.Headline, m.Description}, m.Services...), " ")) + " "
	var out []skillMatch
	for _, r := range required {
		nr := normPhrase(r)
		if nr == "" {
			continue
		}
		best := skillMatch{required: r}
		for i, h := range have {
			credit := 0.0
			switch {
			case h == nr || containsPhrase(h, nr) || sc.Concepts != nil && sc.Concepts.SameConcept(r, m.Skills[i]):
				credit = 1
			case containsPhrase(nr, h):
				credit = w.SkillPartial * float64(len(strings.Fields(h))) / float64(len(strings.Fields(nr)))
			default:
				if o := pairOverlap(nr, h); o >= 0.6 {
					credit = w.SkillPartial * o
				}
			}
			if credit > best.credit {
				best = skillMatch{r, m.Skills[i], credit}
			}
			if best.credit == 1 {
				break
			}
		}
		if best.credit < w.SkillInText && (len(nr) >= 4 || strings.Contains(nr, " ")) && strings.Contains(text, " "+nr+" ") {
			best = skillMatch{r, r, w.SkillInText}
		}
		if best.credit > 0 {
			out = append(out, best)
		}
	}
	return out
}

// CoveredSkills returns the required skills, as the challenge names them, that the member covers well.
func (sc Scorer) CoveredSkills(required []string, m *models.Member) []string {
	var out []string
	for _, s := range sc.skillMatches(required, m) {
		if s.credit >= sc.weights().SkillInText {
			out = append(out, s.required)
		}
	}
	return out
}

// normPhrase folds a phrase and keeps its letters and digits, one space between words.
func normPhrase(s string) string {
	return strings.Join(strings.FieldsFunc(models.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// containsPhrase reports whether the words of sub appear, in order and whole, in s.
func containsPhrase(s, sub string) bool {
	return sub != "" && strings.Contains(" "+s+" ", " "+sub+" ")
}

// pairOverlap is the share of the word pairs of a (or its words, for one word) that b has too.
func pairOverlap(a, b string) float64 {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) < 2 || len(wb) < 2 {
		return 0
	}
	pairs := map[string]bool{}
	for i := 0; i+1 < len(wb); i++ {
		pairs[wb[i]+" "+wb[i+1]] = true
	}
	n := 0
	for i := 0; i+1 < len(wa); i++ {
		if pairs[wa[i]+" "+wa[i+1]] {
			n++
		}
	}
	return float64(n) / float64(len(wa)-1)
}

// sectorOverlap returns the challenge's sectors the member works in, and their weighted share: the
// challenge's first sector weighs primary, the others 1.
func sectorOverlap(want, have []string, primary float64) ([]string, float64) {
	shared := sharedSectors(want, have)
	var got, total float64
	for i, x := range want {
		wt := 1.0
		if i == 0 {
			wt = primary
		}
		total += wt
		if slices.Contains(shared, x) {
			got += wt
		}
	}
	if total == 0 {
		return shared, 0
	}
	return shared, got / total
}

// sharedSectors returns the sectors of a that b has too, in a's order.
func sharedSectors(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func preferred(c *models.Challenge, k models.Kind) bool {
	if len(c.PreferredKinds) == 0 {
		return true
	}
	for _, p := range c.PreferredKinds {
		if p == k {
			return true
		}
	}
	return false
}

// kindFit rates the member's kind, standing, completeness and availability for the challenge, from 0 to 1.
func kindFit(c *models.Challenge, m *models.Member) float64 {
	fit := 0.0
	if preferred(c, m.Kind) {
		fit += 0.5
	}
	if m.Verified() || !m.Kind.IsOrganisation() {
		fit += 0.2
	}
	if complete(m) {
		fit += 0.15
	}
	if m.Kind != models.KindExpert || available(m) {
		fit += 0.15
	}
	return fit
}

func complete(m *models.Member) bool {
	return m.Headline != "" && len(m.Description) > 80 && len(m.Skills) >= 3 && len(m.Sectors) > 0
}

// available reports whether an expert offers what a challenge needs: consulting, research or training.
func available(m *models.Member) bool {
	for _, a := range m.AvailableFor {
		if a == "consulting" || a == "research" || a == "training" {
			return true
		}
	}
	return false
}
