package records

import "github.com/hanoi-innovation/innonet/models"

// challengeRow is a challenge as the import files spell it (shared/eval/challenges.jsonl). budget_vnd is
// always written, null when unknown, as in those files.
type challengeRow struct {
	ID              string   `json:"id"`
	PostedBy        string   `json:"posted_by"`
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	Context         string   `json:"context,omitempty"`
	Constraints     string   `json:"constraints,omitempty"`
	ExpectedOutcome string   `json:"expected_outcome,omitempty"`
	Sectors         []string `json:"sectors,omitempty"`
	RequiredSkills  []string `json:"required_skills,omitempty"`
	PreferredKinds  []string `json:"preferred_kinds,omitempty"`
	BudgetVND       *int64   `json:"budget_vnd"`
	Deadline        string   `json:"deadline,omitempty"`
	Ward            string   `json:"ward,omitempty"`
	Status          string   `json:"status"`
}

func (r *challengeRow) columns() []column {
	return []column{
		col("id", &r.ID),
		col("posted_by", &r.PostedBy),
		col("title", &r.Title),
		col("description", &r.Description),
		col("context", &r.Context),
		col("constraints", &r.Constraints),
		col("expected_outcome", &r.ExpectedOutcome),
		col("sectors", &r.Sectors),
		col("required_skills", &r.RequiredSkills),
		col("preferred_kinds", &r.PreferredKinds),
		col("budget_vnd", &r.BudgetVND),
		dateCol("deadline", &r.Deadline),
		col("ward", &r.Ward),
		col("status", &r.Status),
	}
}

func (r *challengeRow) key() string { return r.ID }

// challenge converts the row: Version 0, times zero; the status is taken as it is.
func (r *challengeRow) challenge() *models.Challenge {
	c := &models.Challenge{
		ID:              r.ID,
		PostedBy:        r.PostedBy,
		Title:           r.Title,
		Description:     r.Description,
		Context:         r.Context,
		Constraints:     r.Constraints,
		ExpectedOutcome: r.ExpectedOutcome,
		Sectors:         list(r.Sectors),
		RequiredSkills:  list(r.RequiredSkills),
		Deadline:        r.Deadline,
		Ward:            r.Ward,
		Status:          models.ChallengeStatus(r.Status),
	}
	for _, k := range r.PreferredKinds {
		c.PreferredKinds = append(c.PreferredKinds, models.Kind(k))
	}
	if r.BudgetVND != nil {
		budget := *r.BudgetVND
		c.BudgetVND = &budget
	}
	return c
}

// newChallengeRow is the inverse of challenge.
func newChallengeRow(c *models.Challenge) *challengeRow {
	r := &challengeRow{
		ID:              c.ID,
		PostedBy:        c.PostedBy,
		Title:           c.Title,
		Description:     c.Description,
		Context:         c.Context,
		Constraints:     c.Constraints,
		ExpectedOutcome: c.ExpectedOutcome,
		Sectors:         c.Sectors,
		RequiredSkills:  c.RequiredSkills,
		BudgetVND:       c.BudgetVND,
		Deadline:        c.Deadline,
		Ward:            c.Ward,
		Status:          string(c.Status),
	}
	for _, k := range c.PreferredKinds {
		r.PreferredKinds = append(r.PreferredKinds, string(k))
	}
	return r
}
