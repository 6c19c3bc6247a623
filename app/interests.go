package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// CreateInterest records p's member's interest in, or proposal to, an open challenge, with the job that notifies
// the challenge's agency.
func (s *Service) CreateInterest(ctx context.Context, p *models.Principal, challengeID string, kind models.InterestKind, message string) (*models.Interest, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in to respond to a challenge")
	}
	if p.MemberID == "" {
		return nil, models.Errorf(models.CodeForbidden, "only members with a profile respond to challenges")
	}
	m, err := s.Store.Member(ctx, p.MemberID)
	if err != nil {
		return nil, err
	}
	if m.Kind == models.KindAgency {
		return nil, models.Errorf(models.CodeForbidden, "agencies post challenges; they do not respond to them")
	}
	c, err := s.Challenge(ctx, p, challengeID)
	if err != nil {
		return nil, err
	}
	if c.Status != models.ChallengeOpen {
		return nil, models.Errorf(models.CodeConflict, "the challenge is %s and takes no more responses", c.Status)
	}
	if c.PastDeadline(s.now()) {
		return nil, models.Errorf(models.CodeConflict, "the deadline of the challenge has passed; it takes no more responses")
	}
	if kind == "" {
		kind = models.InterestOnly
	}
	message = models.NormalizeText(message)
	if kind == models.Proposal && len([]rune(message)) < 20 {
		return nil, models.Invalid(models.FieldError{Pointer: "/message", Detail: "a proposal needs a message of at least 20 characters"})
	}
	now := s.now()
	in := &models.Interest{ID: models.NewID("in"), ChallengeID: c.ID, MemberID: m.ID, AccountID: p.AccountID, Kind: kind,
		Message: message, Status: models.InterestSubmitted, CreatedAt: now, UpdatedAt: now}
	if err := s.Store.CreateInterestWithJob(ctx, in, s.newJob(models.JobInterestCreated, in.ID)); err != nil {
		if models.ErrorCode(err) == models.CodeConflict {
			return nil, models.Errorf(models.CodeConflict, "you already responded to this challenge")
		}
		return nil, err
	}
	s.kickJobs()
	return in, nil
}

// DecideInterest lets the challenge's agency shortlist, decline or select an interest, with the job that notifies
// the member.
func (s *Service) DecideInterest(ctx context.Context, p *models.Principal, id string, status models.InterestStatus, want Expected) (*models.Interest, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	in, err := s.Store.Interest(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := s.Store.Challenge(ctx, in.ChallengeID)
	if err != nil {
		return nil, err
	}
	if !s.actsFor(p, c.PostedBy) {
		return nil, models.Errorf(models.CodeForbidden, "only the agency that posted the challenge decides on its responses")
	}
	if !want.Missing {
		if err := want.check(in.Version); err != nil {
			return nil, err
		}
	}
	if in.Status == status {
		return in, nil
	}
	now := s.now()
	in.Status, in.UpdatedAt = status, now
	if err := s.Store.UpdateInterestWithJob(ctx, in, s.newJob(models.JobInterestDecided, in.ID)); err != nil {
		return nil, want.storeStale(err)
	}
	s.kickJobs()
	s.auditAdminFor(ctx, p, c.PostedBy, models.AuditChallengeAdmin, models.TargetChallenge, c.ID,
		map[string]string{"op": "decide_interest", "interest": in.ID, "status": string(status)})
	return in, nil
}

// ChallengeInterests lists the responses to a challenge for its agency, with each member's full contact
// details: by responding, a member shows them to that agency.
func (s *Service) ChallengeInterests(ctx context.Context, p *models.Principal, challengeID string, page models.Page) ([]*models.Interest, map[string]*models.Member, int, error) {
	if !p.SignedIn() {
		return nil, nil, 0, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	c, err := s.Challenge(ctx, p, challengeID)
	if err != nil {
		return nil, nil, 0, err
	}
	if !s.actsFor(p, c.PostedBy) {
		return nil, nil, 0, models.Errorf(models.CodeForbidden, "only the agency that posted the challenge sees its responses")
	}
	ins, total, err := s.Store.ListInterests(ctx, models.InterestFilter{ChallengeID: c.ID, Page: page.Normalized()})
	if err != nil {
		return nil, nil, 0, err
	}
	members := make(map[string]*models.Member, len(ins))
	for _, in := range ins {
		m, err := s.Store.Member(ctx, in.MemberID)
		if err == nil {
			members[m.ID] = m
		} else if models.ErrorCode(err) != models.CodeNotFound {
			return nil, nil, 0, err
		}
	}
	return ins, members, total, nil
}

// MyInterests lists the responses p's member sent, with their challenges.
func (s *Service) MyInterests(ctx context.Context, p *models.Principal, page models.Page) ([]*models.Interest, map[string]*models.Challenge, int, error) {
	if !p.SignedIn() {
		return nil, nil, 0, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	if p.MemberID == "" {
		return nil, map[string]*models.Challenge{}, 0, nil
	}
	ins, total, err := s.Store.ListInterests(ctx, models.InterestFilter{MemberID: p.MemberID, Page: page.Normalized()})
	if err != nil {
		return nil, nil, 0, err
	}
	challenges := make(map[string]*models.Challenge, len(ins))
	for _, in := range ins {
		c, err := s.Store.Challenge(ctx, in.ChallengeID)
		if err == nil {
			challenges[c.ID] = c
		} else if models.ErrorCode(err) != models.CodeNotFound {
			return nil, nil, 0, err
		}
	}
	return ins, challenges, total, nil
}
