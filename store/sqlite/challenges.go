package sqlite

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

func challengeTable() docTable {
	return newDocTable(models.EntityChallenge, "challenge", "challenges", "challenge_sectors",
		[]string{"posted_by", "status", "ward", "updated_at"})
}

// challengeRow returns the challenge as written: its columns in the order of challengeTable.
func challengeRow(c *models.Challenge) (row, error) {
	doc, err := challengeDoc(c)
	if err != nil {
		return row{}, err
	}
	cols := []any{c.PostedBy, string(c.Status), c.Ward, ms(c.UpdatedAt)}
	return row{id: c.ID, cols: cols, sectors: c.Sectors, doc: string(doc)}, nil
}

// CreateChallenge stores a new challenge at version 1. A taken id is a conflict.
func (s *Store) CreateChallenge(ctx context.Context, c *models.Challenge) (err error) {
	defer models.Wrap(&err, "sqlite.CreateChallenge(%q)", c.ID)
	r, err := challengeRow(c)
	if err != nil {
		return err
	}
	if err := s.write(ctx, func(t *txn) error { return t.insertDoc(&s.challenges, r) }); err != nil {
		return err
	}
	c.Version = 1
	return nil
}

// Challenge returns a challenge, drafts included.
func (s *Store) Challenge(ctx context.Context, id string) (c *models.Challenge, err error) {
	defer models.Wrap(&err, "sqlite.Challenge(%q)", id)
	err = s.read(ctx, func(t *txn) error {
		doc, version, err := t.getDoc(&s.challenges, id)
		if err != nil {
			return err
		}
		c, err = decodeChallenge(doc, version)
		return err
	})
	return c, err
}

// UpdateChallenge writes c if the stored version is still c.Version, then increments c.Version.
func (s *Store) UpdateChallenge(ctx context.Context, c *models.Challenge) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateChallenge(%q)", c.ID)
	r, err := challengeRow(c)
	if err != nil {
		return err
	}
	if err := s.write(ctx, func(t *txn) error { return t.updateDoc(&s.challenges, r, c.Version) }); err != nil {
		return err
	}
	c.Version++
	return nil
}

// UpsertChallenges writes challenges by id in one transaction: new ones at version 1, existing ones replaced
// at their version + 1. Each challenge's Version is set to its stored version.
func (s *Store) UpsertChallenges(ctx context.Context, challenges []*models.Challenge) (err error) {
	defer models.Wrap(&err, "sqlite.UpsertChallenges(%d challenges)", len(challenges))
	if len(challenges) == 0 {
		return nil
	}
	rows := make([]row, len(challenges))
	for i, c := range challenges {
		if rows[i], err = challengeRow(c); err != nil {
			return err
		}
	}
	versions, err := s.upsert(ctx, &s.challenges, rows)
	if err != nil {
		return err
	}
	for i, c := range challenges {
		c.Version = versions[i]
	}
	return nil
}
