package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

func requireAdmin(p *models.Principal) error {
	if !p.SignedIn() {
		return models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	if !p.IsAdmin() {
		return models.Errorf(models.CodeForbidden, "admins only")
	}
	return nil
}

// PendingVerifications lists the organisations waiting for an admin, oldest first by the store's recency.
func (s *Service) PendingVerifications(ctx context.Context, p *models.Principal, page models.Page) ([]*models.Member, int, error) {
	if err := requireAdmin(p); err != nil {
		return nil, 0, err
	}
	return s.Store.ListMembers(ctx, models.MemberFilter{Verification: models.VerificationPending, Page: page.Normalized()})
}

// DecideVerification verifies or rejects an agency or innovation center.
func (s *Service) DecideVerification(ctx context.Context, p *models.Principal, id string, verify bool, note string) (*models.Member, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	m, err := s.Store.Member(ctx, id)
	if err != nil {
		return nil, err
	}
	if !m.Kind.IsOrganisation() {
		return nil, models.Errorf(models.CodeConflict, "only agencies and innovation centers are verified")
	}
	m.Verification, m.VerificationNote = models.VerificationRejected, models.NormalizeText(note)
	if verify {
		m.Verification = models.VerificationVerified
	}
	m.UpdatedAt = s.now()
	if err := s.Store.UpdateMember(ctx, m); err != nil {
		return nil, err
	}
	s.indexChanged()
	s.Logger.InfoContext(ctx, "verification decided", "member", id, "verification", m.Verification, "by", p.AccountID)
	return m, nil
}
