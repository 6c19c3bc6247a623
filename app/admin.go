package app

import (
	"context"
	"strconv"

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
	page = page.Normalized()
	s.audit(ctx, p, models.AuditVerificationQueue, models.TargetNetwork, "verifications", map[string]string{"page": strconv.Itoa(page.Page)})
	return s.Store.ListMembers(ctx, models.MemberFilter{Verification: models.VerificationPending, Page: page})
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
	details := map[string]string{"decision": string(m.Verification)}
	if m.VerificationNote != "" {
		details["note"] = m.VerificationNote
	}
	s.audit(ctx, p, models.AuditVerificationDecide, models.TargetMember, m.ID, details)
	s.Logger.InfoContext(ctx, "verification decided", "member", id, "verification", m.Verification, "by", p.AccountID)
	return m, nil
}
