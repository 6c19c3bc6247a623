// Package synth generates synthetic members for benchmarks, exactly as the acceptance check
// ../shared/checks/perf does: members recombined from the evaluation set's vocabulary with Python's
// random.Random(59), so that a Go benchmark and the check measure the same corpus.
package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hanoi-innovation/innonet/models"
)

// Seed is the seed of the perf check.
const Seed = 59

// Vocabulary is what the generator draws from, taken from the evaluation members.
type Vocabulary struct {
	Sentences []string // description sentences longer than 20 characters
	Heads     []string // headlines
	Skills    []string // distinct skills, sorted
	Wards     []string // distinct wards, sorted
	Sectors   []string // distinct sectors, sorted
	Syllables []string // distinct alphabetic words of the names, sorted
}

// NewVocabulary collects the vocabulary of base as the perf check does.
func NewVocabulary(base []*models.Member) *Vocabulary {
	v := &Vocabulary{}
	skills, wards, sectors, syll := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, m := range base {
		for _, s := range strings.Split(m.Description, ".") {
			if s = strings.TrimSpace(s); utf8.RuneCountInString(s) > 20 {
				v.Sentences = append(v.Sentences, s)
			}
		}
		v.Heads = append(v.Heads, m.Headline)
		for _, s := range m.Skills {
			skills[s] = true
		}
		wards[m.Ward] = true
		for _, s := range m.Sectors {
			sectors[s] = true
		}
		for _, t := range strings.Fields(m.Name) {
			if isAlpha(t) {
				syll[t] = true
			}
		}
	}
	v.Skills, v.Wards, v.Sectors, v.Syllables = sortedKeys(skills), sortedKeys(wards), sortedKeys(sectors), sortedKeys(syll)
	return v
}

func isAlpha(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func pick[T any](xs []T, idx []int) []T {
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// Generator produces the perf check's members one by one; after the members, it produces the check's
// typeahead prefixes from the same random stream.
type Generator struct {
	v   *Vocabulary
	rng *PyRandom
	i   int
	// Base is the UpdatedAt of the first member; each next member is one millisecond later.
	Base time.Time
}

// NewGenerator starts the perf check's random stream (random.Random(seed)) over v.
func NewGenerator(v *Vocabulary, seed uint64) *Generator {
	return &Generator{v: v, rng: NewPyRandom(seed), Base: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

var kinds = []models.Kind{models.KindStartup, models.KindStartup, models.KindStartup, models.KindStartup,
	models.KindStartup, models.KindExpert, models.KindExpert, models.KindExpert, models.KindInnovationCenter,
	models.KindAgency}

var stages = []string{"idea", "mvp", "seed", "series_a", "growth"}

// Next returns the next member, published and normalized as an import would store it.
func (g *Generator) Next() *models.Member {
	v, r, i := g.v, g.rng, g.i
	g.i++
	k := kinds[r.Choice(len(kinds))]
	m := &models.Member{ID: fmt.Sprintf("gen-%07d", i), Kind: k}
	m.Name = strings.Join(pick(v.Syllables, r.Sample(len(v.Syllables), 2)), " ") + fmt.Sprintf(" %d", i)
	m.Headline = v.Heads[r.Choice(len(v.Heads))]
	m.Description = strings.Join(pick(v.Sentences, r.Sample(len(v.Sentences), 3)), ". ") + "."
	m.Sectors = pick(v.Sectors, r.Sample(len(v.Sectors), r.RandInt(1, 3)))
	m.Skills = pick(v.Skills, r.Sample(len(v.Skills), r.RandInt(3, 7)))
	m.Ward = v.Wards[r.Choice(len(v.Wards))]
	m.Languages = []string{"vi"}
	switch k {
	case models.KindStartup:
		m.Stage = stages[r.Choice(len(stages))]
		m.Founded = r.RandInt(2015, 2026)
		m.TeamSize = r.RandInt(2, 80)
	case models.KindExpert:
		m.Organization = "Viện " + v.Syllables[r.Choice(len(v.Syllables))]
		m.Title = "Chuyên gia"
		m.YearsExperience = r.RandInt(3, 30)
		m.AvailableFor = []string{"mentoring"}
	case models.KindInnovationCenter:
		m.Services = []string{"ươm tạo"}
	default:
		m.Jurisdiction = "Phường " + m.Ward
	}
	m.Status = models.ProfilePublished
	m.CreatedAt = g.Base.Add(time.Duration(i) * time.Millisecond)
	m.UpdatedAt = m.CreatedAt
	m.Normalize()
	return m
}

// Members generates the perf check's first n members.
func (g *Generator) Members(n int) []*models.Member {
	out := make([]*models.Member, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

// Pick returns one of texts as the check's rng.choice(texts) does.
func (g *Generator) Pick(texts []string) string { return texts[g.rng.Choice(len(texts))] }

// Prefix returns a typeahead prefix as the check does: a name syllable's first 2 to 4 letters.
func (g *Generator) Prefix() string {
	s := []rune(g.v.Syllables[g.rng.Choice(len(g.v.Syllables))])
	n := g.rng.RandInt(2, 4)
	return string(s[:min(n, len(s))])
}

// Synthesize returns the perf check's first n members, generated from the vocabulary of base with seed.
func Synthesize(base []*models.Member, n int, seed uint64) []*models.Member {
	return NewGenerator(NewVocabulary(base), seed).Members(n)
}

// LoadMembers reads a members.jsonl file as it is, without normalizing, as the perf check reads it.
func LoadMembers(path string) ([]*models.Member, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []*models.Member
	for n, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var m models.Member
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		out = append(out, &m)
	}
	return out, nil
}
