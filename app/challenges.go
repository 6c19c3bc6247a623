package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// Challenge returns a challenge as p may see it: drafts only to their agency and admins.
func (s *Service) Challenge(ctx context.Context, p *models.Principal, id string) (*models.Challenge, error) {
	c, err := s.Store.Challenge(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Status == models.ChallengeDraft && !s.actsFor(p, c.PostedBy) {
		return nil, models.Errorf(models.CodeNotFound, "no challenge %q", id)
	}
	return c, nil
}

// actsFor reports whether p may act for the member with the id: its own profile, or any as an admin.
func (s *Service) actsFor(p *models.Principal, memberID string) bool {
	return p.IsAdmin() || (p.SignedIn() && p.MemberID != "" && p.MemberID == memberID)
}

// CreateChallenge stores a draft challenge for p's agency (an admin names the agency in postedBy).
func (s *Service) CreateChallenge(ctx context.Context, p *models.Principal, postedBy string, c *models.Challenge) (*models.Challenge, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in to post a challenge")
	}
	if postedBy == "" || !p.IsAdmin() {
		postedBy = p.MemberID
	}
	agency, err := s.Store.Member(ctx, postedBy)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, models.Errorf(models.CodeForbidden, "only agencies post challenges")
	}
	if err != nil {
		return nil, err
	}
	if agency.Kind != models.KindAgency {
		return nil, models.Errorf(models.CodeForbidden, "only agencies post challenges")
	}
	now := s.now()
	c.ID, c.PostedBy, c.Status, c.CreatedAt, c.UpdatedAt, c.Version = models.NewID("ch"), agency.ID, models.ChallengeDraft, now, now, 1
	c.PublishedAt, c.ClosedAt = nil, nil
	c.Normalize()
	if err := c.Validate(s.Taxonomy); err != nil {
		return nil, err
	}
	if err := s.checkDeadline(c, ""); err != nil {
		return nil, err
	}
	if err := s.Store.CreateChallenge(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// editableChallenge loads a challenge that p may change.
func (s *Service) editableChallenge(ctx context.Context, p *models.Principal, id string) (*models.Challenge, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in to change a challenge")
	}
	c, err := s.Challenge(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !s.actsFor(p, c.PostedBy) {
		return nil, models.Errorf(models.CodeForbidden, "only the agency that posted a challenge may change it")
	}
	return c, nil
}

// UpdateChallenge applies a change to a draft or open challenge that p may edit.
func (s *Service) UpdateChallenge(ctx context.Context, p *models.Principal, id string, want Expected, apply func(*models.Challenge)) (*models.Challenge, error) {
	c, err := s.editableChallenge(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := want.check(c.Version); err != nil {
		return nil, err
	}
	if c.Status != models.ChallengeDraft && c.Status != models.ChallengeOpen {
		return nil, models.Errorf(models.CodeConflict, "a %s challenge can no longer be changed", c.Status)
	}
	kept := *c
	apply(c)
	c.ID, c.PostedBy, c.Status, c.CreatedAt, c.PublishedAt, c.ClosedAt, c.Version =
		kept.ID, kept.PostedBy, kept.Status, kept.CreatedAt, kept.PublishedAt, kept.ClosedAt, kept.Version
	c.Normalize()
	if err := c.Validate(s.Taxonomy); err != nil {
		return nil, err
	}
	if err := s.checkDeadline(c, kept.Deadline); err != nil {
		return nil, err
	}
	c.UpdatedAt = s.now()
	if err := s.Store.UpdateChallenge(ctx, c); err != nil {
		return nil, want.storeStale(err)
	}
	s.indexChanged()
	s.auditAdminFor(ctx, p, c.PostedBy, models.AuditChallengeAdmin, models.TargetChallenge, c.ID, map[string]string{"op": "update"})
	return c, nil
}

// PublishChallenge opens a draft. Only a verified agency publishes, and only its own challenges.
func (s *Service) PublishChallenge(ctx context.Context, p *models.Principal, id string) (*models.Challenge, error) {
	c, err := s.editableChallenge(ctx, p, id)
	if err != nil {
		return nil, err
	}
	agency, err := s.Store.Member(ctx, c.PostedBy)
	if err != nil {
		return nil, err
	}
	if !agency.Verified() {
		return nil, models.Errorf(models.CodeForbidden, "an agency publishes challenges once an admin has verified it")
	}
	if c.Status == models.ChallengeDraft && c.PastDeadline(s.now()) {
		return nil, models.Invalid(models.FieldError{Pointer: "/deadline", Detail: "has passed; set a later deadline before publishing"})
	}
	s.auditAdminFor(ctx, p, c.PostedBy, models.AuditChallengeAdmin, models.TargetChallenge, c.ID, map[string]string{"op": "publish"})
	return s.moveChallenge(ctx, c, models.ChallengeOpen)
}

// CloseChallenge closes an open challenge, or marks it awarded.
func (s *Service) CloseChallenge(ctx context.Context, p *models.Principal, id string, outcome models.ChallengeStatus) (*models.Challenge, error) {
	c, err := s.editableChallenge(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if outcome != models.ChallengeAwarded {
		outcome = models.ChallengeClosed
	}
	s.auditAdminFor(ctx, p, c.PostedBy, models.AuditChallengeAdmin, models.TargetChallenge, c.ID, map[string]string{"op": string(outcome)})
	return s.moveChallenge(ctx, c, outcome)
}

func (s *Service) moveChallenge(ctx context.Context, c *models.Challenge, next models.ChallengeStatus) (*models.Challenge, error) {
	if c.Status == next {
		return c, nil
	}
	if !c.Status.CanMoveTo(next) {
		return nil, models.Errorf(models.CodeConflict, "a %s challenge cannot become %s", c.Status, next)
	}
	now := s.now()
	c.Status, c.UpdatedAt = next, now
	switch next {
	case models.ChallengeOpen:
		c.PublishedAt = &now
	case models.ChallengeClosed, models.ChallengeAwarded:
		if c.ClosedAt == nil {
			c.ClosedAt = &now
		}
	}
	if next == models.ChallengeOpen {
		if err := s.Store.UpdateChallengeWithJob(ctx, c, s.newJob(models.JobChallengePublished, c.ID)); err != nil {
			return nil, err
		}
		s.kickJobs()
		s.indexChanged()
		return c, nil
	}
	if err := s.Store.UpdateChallenge(ctx, c); err != nil {
		return nil, err
	}
	s.indexChanged()
	return c, nil
}

// ListChallenges lists challenges by recency. Visitors see open, closed and awarded ones; an agency also
// sees its own drafts when it asks for its own challenges.
func (s *Service) ListChallenges(ctx context.Context, p *models.Principal, f models.ChallengeFilter) ([]*models.Challenge, int, error) {
	public := []models.ChallengeStatus{models.ChallengeOpen, models.ChallengeClosed, models.ChallengeAwarded}
	mayDraft := p.IsAdmin() || (f.PostedBy != "" && s.actsFor(p, f.PostedBy))
	switch {
	case len(f.Statuses) == 0 && mayDraft:
	case len(f.Statuses) == 0:
		f.Statuses = public
	case !mayDraft:
		var keep []models.ChallengeStatus
		for _, st := range f.Statuses {
			if st != models.ChallengeDraft {
				keep = append(keep, st)
			}
		}
		if len(keep) == 0 {
			return nil, 0, nil
		}
		f.Statuses = keep
	}
	f.Page = f.Page.Normalized()
	return s.Store.ListChallenges(ctx, f)
}
