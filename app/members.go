package app

import (
	"context"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// Member returns a profile as p may see it: drafts only to their owners and admins.
func (s *Service) Member(ctx context.Context, p *models.Principal, id string) (*models.Member, error) {
	m, err := s.Store.Member(ctx, id)
	if err != nil {
		return nil, err
	}
	if !m.Published() && !p.Owns(m) && !p.IsAdmin() {
		return nil, models.Errorf(models.CodeNotFound, "no member %q", id)
	}
	return m, nil
}

// editable loads a profile that p may change: its owner's, or any for an admin.
func (s *Service) editable(ctx context.Context, p *models.Principal, id string) (*models.Member, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in to change a profile")
	}
	m, err := s.Member(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !p.Owns(m) && !p.IsAdmin() {
		return nil, models.Errorf(models.CodeForbidden, "only the owner of a profile may change it")
	}
	return m, nil
}

// UpdateMember applies a change to a profile that p may edit, if it still has the expected version.
// apply sets the fields the caller sent; it may not touch identity, ownership, status or verification.
func (s *Service) UpdateMember(ctx context.Context, p *models.Principal, id string, want Expected, apply func(*models.Member)) (*models.Member, error) {
	m, err := s.editable(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := want.check(m.Version); err != nil {
		return nil, err
	}
	kept := *m
	apply(m)
	m.ID, m.Kind, m.OwnerIDs, m.Status, m.Verification = kept.ID, kept.Kind, kept.OwnerIDs, kept.Status, kept.Verification
	m.VerificationNote, m.CreatedAt, m.PublishedAt, m.Version = kept.VerificationNote, kept.CreatedAt, kept.PublishedAt, kept.Version
	m.Normalize()
	if err := m.Validate(s.Taxonomy); err != nil {
		return nil, err
	}
	m.UpdatedAt = s.now()
	rematch := m.Published() && materiallyChanged(&kept, m)
	if rematch {
		err = s.Store.UpdateMemberWithJob(ctx, m, s.rematchJob(m))
	} else {
		err = s.Store.UpdateMember(ctx, m)
	}
	if err != nil {
		return nil, want.storeStale(err)
	}
	if rematch {
		s.kickJobs()
	}
	s.indexChanged()
	s.auditAdminOf(ctx, p, m, models.AuditMemberUpdate)
	return m, nil
}

// materiallyChanged reports whether an update changed what matching reads.
func materiallyChanged(before, after *models.Member) bool {
	return before.Name != after.Name || before.Headline != after.Headline || before.Description != after.Description ||
		strings.Join(before.Skills, "|") != strings.Join(after.Skills, "|") ||
		strings.Join(before.Sectors, "|") != strings.Join(after.Sectors, "|") ||
		strings.Join(before.Services, "|") != strings.Join(after.Services, "|") ||
		strings.Join(before.AvailableFor, "|") != strings.Join(after.AvailableFor, "|")
}

// PublishMember makes a profile that p may edit public. Publishing a published profile changes nothing.
func (s *Service) PublishMember(ctx context.Context, p *models.Principal, id string) (*models.Member, error) {
	m, err := s.editable(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if m.Published() {
		return m, nil
	}
	if err := m.Validate(s.Taxonomy); err != nil {
		return nil, err
	}
	now := s.now()
	m.Status, m.PublishedAt, m.UpdatedAt = models.ProfilePublished, &now, now
	if err := s.Store.UpdateMemberWithJob(ctx, m, s.rematchJob(m)); err != nil {
		return nil, err
	}
	s.kickJobs()
	s.indexChanged()
	s.auditAdminOf(ctx, p, m, models.AuditMemberPublish)
	return m, nil
}

// DeleteMember removes a profile that p may edit, if it still has the expected version.
func (s *Service) DeleteMember(ctx context.Context, p *models.Principal, id string, want Expected) error {
	m, err := s.editable(ctx, p, id)
	if err != nil {
		return err
	}
	if err := want.check(m.Version); err != nil {
		return err
	}
	if err := s.Store.DeleteMember(ctx, id, m.Version); err != nil {
		return want.storeStale(err)
	}
	s.indexChanged()
	s.auditAdminOf(ctx, p, m, models.AuditMemberDelete)
	s.Logger.InfoContext(ctx, "member deleted", "member", id, "by", p.AccountID)
	return nil
}

// auditAdminOf records an admin's action on a profile it does not own.
func (s *Service) auditAdminOf(ctx context.Context, p *models.Principal, m *models.Member, action models.AuditAction) {
	if p.IsAdmin() && !p.Owns(m) {
		s.audit(ctx, p, action, models.TargetMember, m.ID, nil)
	}
}

// ListMembers lists published profiles by recency, filtered.
func (s *Service) ListMembers(ctx context.Context, f models.MemberFilter) ([]*models.Member, int, error) {
	f.Status = models.ProfilePublished
	f.Page = f.Page.Normalized()
	return s.Store.ListMembers(ctx, f)
}

// MemberNames returns the names of the published members with these ids, for showing who posted what.
func (s *Service) MemberNames(ctx context.Context, ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		if _, seen := out[id]; seen {
			continue
		}
		if m, err := s.Store.Member(ctx, id); err == nil && m.Published() {
			out[id] = m.Name
		} else {
			out[id] = ""
		}
	}
	return out
}
