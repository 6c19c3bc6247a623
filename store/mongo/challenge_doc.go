package mongo

import (
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// challengeDoc is a challenge as stored; every field is always written (see memberDoc). Challenges are not
// deleted, but Deleted is kept so that both collections of the change feed share their queries.
type challengeDoc struct {
	ID              string     `bson:"_id"`
	Deleted         bool       `bson:"deleted"`
	Seq             int64      `bson:"seq"`
	Version         int64      `bson:"version"`
	PostedBy        string     `bson:"posted_by"`
	Title           string     `bson:"title"`
	Description     string     `bson:"description"`
	Context         string     `bson:"context"`
	Constraints     string     `bson:"constraints"`
	ExpectedOutcome string     `bson:"expected_outcome"`
	Sectors         []string   `bson:"sectors"`
	RequiredSkills  []string   `bson:"required_skills"`
	PreferredKinds  []string   `bson:"preferred_kinds"`
	BudgetVND       *int64     `bson:"budget_vnd"`
	Deadline        string     `bson:"deadline"`
	Ward            string     `bson:"ward"`
	Status          string     `bson:"status"`
	CreatedAt       time.Time  `bson:"created_at"`
	UpdatedAt       time.Time  `bson:"updated_at"`
	PublishedAt     *time.Time `bson:"published_at"`
	ClosedAt        *time.Time `bson:"closed_at"`
}

// challengeIDPrefix prefixes the ids the store gives to challenges that have none.
const challengeIDPrefix = "ch"

// roundChallengeTimes rounds the times of c to what the store keeps.
func roundChallengeTimes(c *models.Challenge) {
	roundTime(&c.CreatedAt, &c.UpdatedAt)
	roundTimePtr(&c.PublishedAt, &c.ClosedAt)
}

func toChallengeDoc(c *models.Challenge, seq int64) *challengeDoc {
	var kinds []string
	if c.PreferredKinds != nil {
		kinds = make([]string, len(c.PreferredKinds))
		for i, k := range c.PreferredKinds {
			kinds[i] = string(k)
		}
	}
	return &challengeDoc{
		ID:              c.ID,
		Seq:             seq,
		Version:         c.Version,
		PostedBy:        c.PostedBy,
		Title:           c.Title,
		Description:     c.Description,
		Context:         c.Context,
		Constraints:     c.Constraints,
		ExpectedOutcome: c.ExpectedOutcome,
		Sectors:         c.Sectors,
		RequiredSkills:  c.RequiredSkills,
		PreferredKinds:  kinds,
		BudgetVND:       c.BudgetVND,
		Deadline:        c.Deadline,
		Ward:            c.Ward,
		Status:          string(c.Status),
		CreatedAt:       storedTime(c.CreatedAt),
		UpdatedAt:       storedTime(c.UpdatedAt),
		PublishedAt:     storedTimePtr(c.PublishedAt),
		ClosedAt:        storedTimePtr(c.ClosedAt),
	}
}

func (d *challengeDoc) toModel() *models.Challenge {
	var kinds []models.Kind
	if d.PreferredKinds != nil {
		kinds = make([]models.Kind, len(d.PreferredKinds))
		for i, k := range d.PreferredKinds {
			kinds[i] = models.Kind(k)
		}
	}
	return &models.Challenge{
		ID:              d.ID,
		PostedBy:        d.PostedBy,
		Title:           d.Title,
		Description:     d.Description,
		Context:         d.Context,
		Constraints:     d.Constraints,
		ExpectedOutcome: d.ExpectedOutcome,
		Sectors:         d.Sectors,
		RequiredSkills:  d.RequiredSkills,
		PreferredKinds:  kinds,
		BudgetVND:       d.BudgetVND,
		Deadline:        d.Deadline,
		Ward:            d.Ward,
		Status:          models.ChallengeStatus(d.Status),
		CreatedAt:       storedTime(d.CreatedAt),
		UpdatedAt:       storedTime(d.UpdatedAt),
		PublishedAt:     storedTimePtr(d.PublishedAt),
		ClosedAt:        storedTimePtr(d.ClosedAt),
		Version:         d.Version,
	}
}
