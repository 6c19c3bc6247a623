package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// SeedIfEmpty writes members and challenges into a store that has no members yet (the demo data), and
// reports whether it did.
func (s *Service) SeedIfEmpty(ctx context.Context, ms []*models.Member, cs []*models.Challenge) (bool, error) {
	_, total, err := s.Store.ListMembers(ctx, models.MemberFilter{Page: models.Page{Page: 1, PerPage: 1}})
	if err != nil || total > 0 {
		return false, err
	}
	if err := s.Store.UpsertMembers(ctx, ms); err != nil {
		return false, err
	}
	defer s.indexChanged()
	return true, s.Store.UpsertChallenges(ctx, cs)
}
