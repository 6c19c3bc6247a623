package search

import (
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// Document ids carry their type, so a member and a challenge may share an id.
const (
	memberPrefix    = "m/"
	challengePrefix = "c/"
)

// memberDoc is what the index holds of a published member.
type memberDoc struct {
	DocType     string    `json:"doctype"`
	Name        string    `json:"name"`
	Headline    string    `json:"headline"`
	Description string    `json:"description"`
	Skills      []string  `json:"skills"`
	Extra       []string  `json:"extra"`
	SkillSug    []string  `json:"skill_sug"`
	Kind        string    `json:"kind"`
	Sectors     []string  `json:"sectors"`
	Ward        string    `json:"ward"`
	Stage       string    `json:"stage,omitempty"`
	Verified    bool      `json:"verified"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// BleveType names the document mapping of a member.
func (memberDoc) BleveType() string { return typeMember }

// challengeDoc is what the index holds of a challenge that is not a draft.
type challengeDoc struct {
	DocType        string    `json:"doctype"`
	Title          string    `json:"title"`
	Summary        string    `json:"summary"`
	Details        []string  `json:"details"`
	RequiredSkills []string  `json:"required_skills"`
	Status         string    `json:"status"`
	Sectors        []string  `json:"sectors"`
	Ward           string    `json:"ward"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// BleveType names the document mapping of a challenge.
func (challengeDoc) BleveType() string { return typeChallenge }

// newMemberDoc builds the indexed form of m. Sector labels in both languages join the extra text, so an
// English query finds a Vietnamese profile through its sectors too.
func newMemberDoc(m *models.Member, tax *models.Taxonomy) memberDoc {
	d := memberDoc{
		DocType:     typeMember,
		Name:        models.NormalizeText(m.Name),
		Headline:    models.NormalizeText(m.Headline),
		Description: models.NormalizeText(m.Description),
		Skills:      models.NormalizeTags(m.Skills),
		Kind:        string(m.Kind),
		Sectors:     m.Sectors,
		Ward:        models.NormalizeText(m.Ward),
		Stage:       m.Stage,
		Verified:    m.Verified(),
		UpdatedAt:   m.UpdatedAt.UTC(),
	}
	d.Extra = append(d.Extra, sectorLabels(m.Sectors, tax)...)
	for _, s := range []string{m.Organization, m.Title, m.Jurisdiction} {
		if s = models.NormalizeText(s); s != "" {
			d.Extra = append(d.Extra, s)
		}
	}
	d.Extra = append(d.Extra, models.NormalizeTags(m.Services)...)
	d.SkillSug = skillSuggestTerms(d.Skills)
	return d
}

func newChallengeDoc(c *models.Challenge, tax *models.Taxonomy) challengeDoc {
	d := challengeDoc{
		DocType:        typeChallenge,
		Title:          models.NormalizeText(c.Title),
		Summary:        models.NormalizeText(c.Description),
		RequiredSkills: models.NormalizeTags(c.RequiredSkills),
		Status:         string(c.Status),
		Sectors:        c.Sectors,
		Ward:           models.NormalizeText(c.Ward),
		UpdatedAt:      c.UpdatedAt.UTC(),
	}
	for _, s := range []string{c.Context, c.Constraints, c.ExpectedOutcome} {
		if s = models.NormalizeText(s); s != "" {
			d.Details = append(d.Details, s)
		}
	}
	d.Details = append(d.Details, sectorLabels(c.Sectors, tax)...)
	return d
}

func sectorLabels(ids []string, tax *models.Taxonomy) []string {
	if tax == nil {
		return nil
	}
	var out []string
	for _, id := range ids {
		if s, ok := tax.Sector(id); ok {
			out = append(out, s.LabelVI, s.LabelEN)
		}
	}
	return out
}

// skillSuggestTerms lists, for each skill, one term per word it may be typed from ("máy tính" is found
// from "may" and from "tinh"): the folded suffix, a separator, and the skill as written.
func skillSuggestTerms(skills []string) []string {
	var out []string
	for _, s := range skills {
		words := strings.Fields(Fold(s))
		for i := range words {
			out = append(out, strings.Join(words[i:], " ")+sugSep+s)
		}
	}
	return out
}

// sugSep separates the folded key of a suggestion term from its display text.
const sugSep = "\x1f"
