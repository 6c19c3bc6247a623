package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// Retriever finds match candidates in the search index.
type Retriever interface {
	// SolversFor returns published members (never agencies) whose profiles resemble the challenge.
	SolversFor(ctx context.Context, c *models.Challenge, limit int) ([]models.Candidate, error)
	// ChallengesFor returns open challenges whose texts resemble the member's profile.
	ChallengesFor(ctx context.Context, m *models.Member, limit int) ([]models.Candidate, error)
}

// candidatePool is how many candidates are re-ranked per request.
const candidatePool = 100

// MatchesFor ranks the solvers of a challenge, for its agency and admins. Any status may be asked for.
func (s *Service) MatchesFor(ctx context.Context, p *models.Principal, challengeID string, kind models.Kind) ([]models.Match, map[string]*models.Member, error) {
	if !p.SignedIn() {
		return nil, nil, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	c, err := s.Challenge(ctx, p, challengeID)
	if err != nil {
		return nil, nil, err
	}
	if !s.actsFor(p, c.PostedBy) {
		return nil, nil, models.Errorf(models.CodeForbidden, "only the agency that posted the challenge sees its matches")
	}
	matches, members, err := s.rankSolvers(ctx, c)
	if err != nil || kind == "" {
		return matches, members, err
	}
	kept := matches[:0]
	for _, m := range matches {
		if members[m.MemberID].Kind == kind {
			kept = append(kept, m)
		}
	}
	return kept, members, nil
}

// rankSolvers retrieves and scores the candidate solvers of a challenge, best first.
func (s *Service) rankSolvers(ctx context.Context, c *models.Challenge) ([]models.Match, map[string]*models.Member, error) {
	return s.rankSolversN(ctx, c, candidatePool)
}

// rankSolversN is rankSolvers over up to limit candidates.
func (s *Service) rankSolversN(ctx context.Context, c *models.Challenge, limit int) ([]models.Match, map[string]*models.Member, error) {
	if s.Index == nil {
		return nil, nil, models.Errorf(models.CodeUnavailable, "matching needs the search index")
	}
	cands, err := s.Index.SolversFor(ctx, c, limit)
	if err != nil {
		return nil, nil, err
	}
	return s.scorer().RankSolvers(ctx, c, cands, func(ctx context.Context, id string) (*models.Member, error) {
		return orNil(s.Store.Member(ctx, id))
	})
}

// MyMatches ranks the open challenges for p's member ("challenges for you").
func (s *Service) MyMatches(ctx context.Context, p *models.Principal) ([]models.Match, map[string]*models.Challenge, error) {
	if !p.SignedIn() {
		return nil, nil, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	if p.MemberID == "" {
		return nil, map[string]*models.Challenge{}, nil
	}
	m, err := s.Store.Member(ctx, p.MemberID)
	if err != nil {
		return nil, nil, err
	}
	return s.rankChallenges(ctx, m)
}

// rankChallenges retrieves and scores the open challenges that fit a member, best first.
func (s *Service) rankChallenges(ctx context.Context, m *models.Member) ([]models.Match, map[string]*models.Challenge, error) {
	if m.Kind == models.KindAgency {
		return nil, map[string]*models.Challenge{}, nil
	}
	if s.Index == nil {
		return nil, nil, models.Errorf(models.CodeUnavailable, "matching needs the search index")
	}
	cands, err := s.Index.ChallengesFor(ctx, m, candidatePool)
	if err != nil {
		return nil, nil, err
	}
	return s.scorer().RankChallenges(ctx, m, cands, func(ctx context.Context, id string) (*models.Challenge, error) {
		return orNil(s.Store.Challenge(ctx, id))
	})
}

// scorer scores matches; an index that knows which skills name the same thing lends its glossary.
func (s *Service) scorer() Scorer {
	sc := Scorer{Taxonomy: s.Taxonomy}
	if c, ok := s.Index.(Concepts); ok {
		sc.Concepts = c
	}
	return sc
}

// orNil turns a not-found error into a nil value.
func orNil[T any](v *T, err error) (*T, error) {
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, nil
	}
	return v, err
}
