package app

import (
	"context"
	"sort"

	"github.com/hanoi-innovation/innonet/models"
)

// MemberLookup returns a member by id, or nil when it no longer exists.
type MemberLookup func(ctx context.Context, id string) (*models.Member, error)

// ChallengeLookup returns a challenge by id, or nil when it no longer exists.
type ChallengeLookup func(ctx context.Context, id string) (*models.Challenge, error)

// RankSolvers scores the candidates retrieved for a challenge and returns the matches, best first, with
// the members they name. Agencies, the posting agency and unpublished members are left out whatever the
// retriever returned.
func (sc Scorer) RankSolvers(ctx context.Context, c *models.Challenge, cands []models.Candidate, member MemberLookup) ([]models.Match, map[string]*models.Member, error) {
	sc = sc.memoized()
	top := topRelevance(cands)
	members := make(map[string]*models.Member, len(cands))
	matches := make([]ranked, 0, len(cands))
	for _, cand := range cands {
		m, err := member(ctx, cand.ID)
		if err != nil {
			return nil, nil, err
		}
		if m == nil || m.Kind == models.KindAgency || m.ID == c.PostedBy || !m.Published() {
			continue
		}
		members[m.ID] = m
		score, reasons := sc.score(c, m, cand, top, sc.matchedEvidence(cand))
		matches = append(matches, ranked{score, models.Match{ChallengeID: c.ID, MemberID: m.ID, Score: percent(score), Reasons: reasons}})
	}
	return sortRanked(matches, func(m models.Match) string { return m.MemberID }), members, nil
}

// RankChallenges scores the candidate challenges retrieved for a member and returns the matches, best
// first, with the challenges they name. Only open challenges that the member did not post are kept.
func (sc Scorer) RankChallenges(ctx context.Context, m *models.Member, cands []models.Candidate, challenge ChallengeLookup) ([]models.Match, map[string]*models.Challenge, error) {
	sc = sc.memoized()
	top := topRelevance(cands)
	challenges := make(map[string]*models.Challenge, len(cands))
	matches := make([]ranked, 0, len(cands))
	for _, cand := range cands {
		c, err := challenge(ctx, cand.ID)
		if err != nil {
			return nil, nil, err
		}
		if c == nil || c.Status != models.ChallengeOpen || c.PostedBy == m.ID {
			continue
		}
		challenges[c.ID] = c
		score, reasons := sc.score(c, m, cand, top, sc.textEvidence(m, cand))
		matches = append(matches, ranked{score, models.Match{ChallengeID: c.ID, MemberID: m.ID, Score: percent(score), Reasons: reasons}})
	}
	return sortRanked(matches, func(m models.Match) string { return m.ChallengeID }), challenges, nil
}

func topRelevance(cands []models.Candidate) float64 {
	top := 0.0
	for _, c := range cands {
		top = max(top, c.Relevance)
	}
	return top
}

// ranked is a match and its unrounded score, so that equal percentages keep their finer order.
type ranked struct {
	score float64
	match models.Match
}

// sortRanked orders matches by score, then by id, and returns them.
func sortRanked(rs []ranked, id func(models.Match) string) []models.Match {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score
		}
		return id(rs[i].match) < id(rs[j].match)
	})
	out := make([]models.Match, len(rs))
	for i, r := range rs {
		out[i] = r.match
	}
	return out
}
