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

// DemoAccount is a sign-in of the demo data, owning one of its members (or none, for the admin).
type DemoAccount struct {
	Email    string
	Name     string
	MemberID string
	Role     models.Role
}

// SeedDemoAccounts creates the demo sign-ins with one password and links each to its member.
func (s *Service) SeedDemoAccounts(ctx context.Context, accounts []DemoAccount, password string) error {
	hash, err := s.Hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	now := s.now()
	for _, d := range accounts {
		a := &models.Account{ID: models.NewID("acc"), Email: models.NormalizeEmail(d.Email), Name: d.Name, PasswordHash: hash,
			Role: d.Role, MemberID: d.MemberID, CreatedAt: now, PasswordChangedAt: now, EmailVerifiedAt: &now}
		if d.MemberID != "" {
			a.MemberRole = models.StaffOwner
		}
		if err := s.Store.CreateAccount(ctx, a); err != nil {
			return err
		}
		if _, err := s.PreferencesOf(ctx, a.ID); err != nil {
			return err
		}
		if d.MemberID == "" {
			continue
		}
		m, err := s.Store.Member(ctx, d.MemberID)
		if err != nil {
			return err
		}
		m.OwnerIDs = append(m.OwnerIDs, a.ID)
		if err := s.Store.UpdateMember(ctx, m); err != nil {
			return err
		}
	}
	s.indexChanged()
	return nil
}
