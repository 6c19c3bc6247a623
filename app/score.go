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

// Weights are the weights of the match features. The four feature weights add up to 1; the others shape
// the score.
type Weights struct {
	Text    float64 // text relevance, relative to the best candidate of the request
	Skills  float64 // share of the required skills the member covers
	Sectors float64 // share of the challenge's sectors the member works in
	Fit     float64 // kind asked for, verification, completeness, availability

	SkillInText  float64 // credit of a required skill found only in the profile's text
	SkillPartial float64 // most credit of a skill that the member covers in part
	Curve        float64 // exponent from the weighted sum to the score: below 1, good matches read ~50, strong ~80+
	NotPreferred float64 // highest score of a kind that the challenge's preferred kinds leave out (a partial fit)
}

// DefaultWeights are the weights measured best on the dev split of ../shared/eval (see match_eval_test.go),
// tuned to kinds of evidence, never to single challenges.
func DefaultWeights() Weights {
	return Weights{
		Text: 0.45, Skills: 0.30, Sectors: 0.15, Fit: 0.10,
		SkillInText: 0.6, SkillPartial: 0.5, Curve: 0.75, NotPreferred: 0.4,
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

	cache *rankCache // set for one ranking by memoized
}

func (sc Scorer) weights() Weights {
	if sc.Weights == (Weights{}) {
		return DefaultWeights()
	}
	return sc.Weights
}

// Score scores the pairing of c and m; top is the best relevance among the candidates of the same request.
func (sc Scorer) Score(c *models.Challenge, m *models.Member, cand models.Candidate, top float64) (int, []models.Reason) {
	score, reasons := sc.score(c, m, cand, top, sc.textEvidence(m, cand))
	return percent(score), reasons
}

// evidence tells whether a required skill (as normPhrase gives it) shows in the profile's text.
type evidence func(skill string) bool

// matchedEvidence takes the retrieval's word for it: SolversFor names, among the terms a profile matched,
// the required skills it found in the profile's headline, skills or description, directly or through a
// glossary equivalent. It spares folding the text of every candidate of a large fan-out.
func (sc Scorer) matchedEvidence(cand models.Candidate) evidence {
	matched := make(map[string]bool, len(cand.Matched))
	for _, p := range cand.Matched {
		matched[sc.normPhrase(p)] = true
	}
	return func(skill string) bool { return matched[skill] }
}

// textEvidence looks for the skill in the retrieval's matched terms, then in the profile's headline,
// description and services, folded once when first needed.
func (sc Scorer) textEvidence(m *models.Member, cand models.Candidate) evidence {
	matched := sc.matchedEvidence(cand)
	text := ""
	return func(skill string) bool {
		if matched(skill) {
			return true
		}
		if text == "" {
			text = normPhrase(strings.Join(append([]string{m.Headline, m.Description}, m.Services...), " "))
		}
		return containsPhrase(text, skill)
	}
}

func percent(score float64) int { return int(math.Round(100 * min(1, max(0, score)))) }

// score is Score from 0 to 1, unrounded.
func (sc Scorer) score(c *models.Challenge, m *models.Member, cand models.Candidate, top float64, inText evidence) (float64, []models.Reason) {
	w := sc.weights()
	text := 0.0
	if top > 0 {
		text = min(1, cand.Relevance/top)
	}
	skills := sc.skillMatches(c.RequiredSkills, m, inText)
	skillShare := 0.0
	for _, s := range skills {
		skillShare += s.credit
	}
	if len(c.RequiredSkills) > 0 {
		skillShare /= float64(len(c.RequiredSkills))
	}
	sectors := sharedSectors(c.Sectors, m.Sectors)
	sectorShare := 0.0
	if len(c.Sectors) > 0 {
		sectorShare = float64(len(sectors)) / float64(len(c.Sectors))
	}
	sum := w.Text*text + w.Skills*skillShare + w.Sectors*sectorShare + w.Fit*kindFit(c, m)
	score := math.Pow(max(0, sum), w.Curve)
	if !preferred(c, m.Kind) {
		score = min(score, w.NotPreferred)
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
func (sc Scorer) skillMatches(required []string, m *models.Member, inText evidence) []skillMatch {
	w := sc.weights()
	have := make([]string, len(m.Skills))
	for i, s := range m.Skills {
		have[i] = sc.normPhrase(s)
	}
	var out []skillMatch
	for _, r := range required {
		nr := sc.normPhrase(r)
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
		if best.credit < w.SkillInText && (len(nr) >= 4 || strings.Contains(nr, " ")) && inText(nr) {
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
	for _, s := range sc.skillMatches(required, m, sc.textEvidence(m, models.Candidate{})) {
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

// containsPhrase reports whether the words of sub appear, in order and whole, in s (both as normPhrase
// gives them).
func containsPhrase(s, sub string) bool {
	if sub == "" {
		return false
	}
	for i := 0; i+len(sub) <= len(s); {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		j += i
		if (j == 0 || s[j-1] == ' ') && (j+len(sub) == len(s) || s[j+len(sub)] == ' ') {
			return true
		}
		i = j + 1
	}
	return false
}

// pairOverlap is the share of the word pairs of a that b has too (0 when either has a single word).
func pairOverlap(a, b string) float64 {
	if !strings.Contains(a, " ") || !strings.Contains(b, " ") {
		return 0
	}
	wa := strings.Fields(a)
	n := 0
	for i := 0; i+1 < len(wa); i++ {
		if containsPhrase(b, wa[i]+" "+wa[i+1]) {
			n++
		}
	}
	return float64(n) / float64(len(wa)-1)
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

// preferred reports whether the challenge asks for solvers of kind k (any kind, when it names none).
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

// rankCache remembers, for one ranking, the folded forms of the phrases and the answers of the Concepts:
// the same required skills meet every candidate, and the same skills recur among candidates.
type rankCache struct {
	inner Concepts
	norm  map[string]string
	same  map[[2]string]bool
}

func (c *rankCache) SameConcept(a, b string) bool {
	key := [2]string{a, b}
	same, ok := c.same[key]
	if !ok {
		same = c.inner.SameConcept(a, b)
		c.same[key] = same
	}
	return same
}

// memoized returns sc remembering folded phrases and the answers of its Concepts, for one ranking.
func (sc Scorer) memoized() Scorer {
	c := &rankCache{inner: sc.Concepts, norm: map[string]string{}, same: map[[2]string]bool{}}
	if sc.Concepts != nil {
		sc.Concepts = c
	}
	sc.cache = c
	return sc
}

// normPhrase is normPhrase, remembered during a ranking.
func (sc Scorer) normPhrase(s string) string {
	if sc.cache == nil {
		return normPhrase(s)
	}
	n, ok := sc.cache.norm[s]
	if !ok {
		n = normPhrase(s)
		sc.cache.norm[s] = n
	}
	return n
}
