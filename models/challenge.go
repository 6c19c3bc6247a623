package models

import (
	"fmt"
	"time"
)

// ChallengeStatus is a step of a challenge's lifecycle: draft -> open -> closed or awarded.
type ChallengeStatus string

// The challenge statuses.
const (
	ChallengeDraft   ChallengeStatus = "draft"
	ChallengeOpen    ChallengeStatus = "open"
	ChallengeClosed  ChallengeStatus = "closed"
	ChallengeAwarded ChallengeStatus = "awarded"
)

// Valid reports whether s is a known status.
func (s ChallengeStatus) Valid() bool {
	switch s {
	case ChallengeDraft, ChallengeOpen, ChallengeClosed, ChallengeAwarded:
		return true
	}
	return false
}

// CanMoveTo reports whether the lifecycle allows going from s to next.
func (s ChallengeStatus) CanMoveTo(next ChallengeStatus) bool {
	switch s {
	case ChallengeDraft:
		return next == ChallengeOpen
	case ChallengeOpen:
		return next == ChallengeClosed || next == ChallengeAwarded
	case ChallengeClosed:
		return next == ChallengeAwarded
	}
	return false
}

// DateLayout is the layout of dates without a time (deadlines).
const DateLayout = "2006-01-02"

// Challenge is a problem ("bài toán") an agency posts for solvers. Field names follow the import files
// (../shared/eval/challenges.jsonl).
type Challenge struct {
	ID              string          `json:"id"`
	PostedBy        string          `json:"posted_by"`
	Title           string          `json:"title"`
	Description     string          `json:"description"`
	Context         string          `json:"context,omitempty"`
	Constraints     string          `json:"constraints,omitempty"`
	ExpectedOutcome string          `json:"expected_outcome,omitempty"`
	Sectors         []string        `json:"sectors,omitempty"`
	RequiredSkills  []string        `json:"required_skills,omitempty"`
	PreferredKinds  []Kind          `json:"preferred_kinds,omitempty"`
	BudgetVND       *int64          `json:"budget_vnd,omitempty"`
	Deadline        string          `json:"deadline,omitempty"`
	Ward            string          `json:"ward,omitempty"`
	Status          ChallengeStatus `json:"status"`
	CreatedAt       time.Time       `json:"created_at"`
	UpdatedAt       time.Time       `json:"updated_at"`
	PublishedAt     *time.Time      `json:"published_at,omitempty"`
	ClosedAt        *time.Time      `json:"closed_at,omitempty"`
	Version         int64           `json:"version"`
}

// Normalize brings the text fields to NFC and tidies the lists.
func (c *Challenge) Normalize() {
	c.Title = NormalizeText(c.Title)
	c.Description = NormalizeText(c.Description)
	c.Context = NormalizeText(c.Context)
	c.Constraints = NormalizeText(c.Constraints)
	c.ExpectedOutcome = NormalizeText(c.ExpectedOutcome)
	c.Ward = NormalizeText(c.Ward)
	c.Sectors = NormalizeTags(c.Sectors)
	c.RequiredSkills = NormalizeTags(c.RequiredSkills)
	if c.PreferredKinds != nil {
		seen := map[Kind]bool{}
		kinds := c.PreferredKinds[:0]
		for _, k := range c.PreferredKinds {
			if !seen[k] {
				seen[k] = true
				kinds = append(kinds, k)
			}
		}
		c.PreferredKinds = kinds
	}
}

// Validate checks the challenge. Pointers name the JSON fields.
func (c *Challenge) Validate(tax *Taxonomy) error {
	var f fieldErrors
	f.text("/title", c.Title, 5, 200, true)
	f.text("/description", c.Description, 20, 20000, true)
	f.text("/context", c.Context, 0, 10000, false)
	f.text("/constraints", c.Constraints, 0, 10000, false)
	f.text("/expected_outcome", c.ExpectedOutcome, 0, 10000, false)
	f.text("/ward", c.Ward, 0, 100, false)
	if len(c.Sectors) > 10 {
		f.add("/sectors", "must have at most 10 items")
	}
	for i, s := range c.Sectors {
		if !tax.Valid(s) {
			f.add(fmt.Sprintf("/sectors/%d", i), "%q is not a sector of the taxonomy", s)
		}
	}
	f.tags("/required_skills", c.RequiredSkills, 40, 80)
	for i, k := range c.PreferredKinds {
		if !k.Valid() || k == KindAgency {
			f.add(fmt.Sprintf("/preferred_kinds/%d", i), "must be one of startup, expert, innovation_center")
		}
	}
	if c.BudgetVND != nil && (*c.BudgetVND < 0 || *c.BudgetVND > 1e15) {
		f.add("/budget_vnd", "must be between 0 and 10^15")
	}
	if c.Deadline != "" {
		if _, err := time.Parse(DateLayout, c.Deadline); err != nil {
			f.add("/deadline", "must be a date such as 2027-06-30")
		}
	}
	if !c.Status.Valid() {
		f.add("/status", "must be one of draft, open, closed, awarded")
	}
	return f.err()
}
