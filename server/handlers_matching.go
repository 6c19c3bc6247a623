package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

func reasonsOut(rs []models.Reason) []api.Reason {
	out := make([]api.Reason, len(rs))
	for i, r := range rs {
		out[i] = api.Reason{Kind: r.Kind, Vi: r.VI, En: r.EN}
	}
	return out
}

func memberMatchOut(m models.Match, member *models.Member, p *models.Principal) api.MemberMatch {
	out := api.MemberMatch{Id: m.MemberID, MemberId: m.MemberID, Score: m.Score, Reasons: reasonsOut(m.Reasons)}
	if member != nil {
		mo := memberCard(member, p)
		out.Member = &mo
	}
	return out
}

// pageSlice returns the part of n items that a page shows.
func pageSlice(n int, page models.Page) (from, to int) {
	from = min(page.Offset(), n)
	return from, min(from+page.PerPage, n)
}

func (h handlers) ListChallengeMatches(ctx context.Context, req api.ListChallengeMatchesRequestObject) (api.ListChallengeMatchesResponseObject, error) {
	p := principalFrom(ctx)
	var kind models.Kind
	if req.Params.Kind != nil {
		kind = models.Kind(*req.Params.Kind)
	}
	done := h.metrics.timeMatch("solvers")
	matches, members, err := h.app.MatchesFor(ctx, p, req.Id, kind)
	done()
	if err != nil {
		return nil, err
	}
	page := pageOf(req.Params.Page, req.Params.PerPage)
	from, to := pageSlice(len(matches), page)
	items := make([]api.MemberMatch, 0, to-from)
	for _, m := range matches[from:to] {
		items = append(items, memberMatchOut(m, members[m.MemberID], p))
	}
	return api.ListChallengeMatches200JSONResponse{Items: items, Total: len(matches), Page: page.Page, PerPage: page.PerPage}, nil
}

func (h handlers) ListChallengeTeams(ctx context.Context, req api.ListChallengeTeamsRequestObject) (api.ListChallengeTeamsResponseObject, error) {
	p := principalFrom(ctx)
	done := h.metrics.timeMatch("teams")
	teams, members, err := h.app.TeamsFor(ctx, p, req.Id)
	done()
	if err != nil {
		return nil, err
	}
	items := make([]api.Team, len(teams))
	for i, t := range teams {
		ms := make([]api.MemberMatch, len(t.Members))
		for j, m := range t.Members {
			ms[j] = memberMatchOut(m, members[m.MemberID], p)
		}
		items[i] = api.Team{Members: ms, Coverage: float32(t.Coverage), CoveredSkills: nonNil(t.Covered),
			MissingSkills: nonNil(t.Missing), Score: t.Score}
	}
	return api.ListChallengeTeams200JSONResponse{Items: items}, nil
}

func (h handlers) ListMyMatches(ctx context.Context, req api.ListMyMatchesRequestObject) (api.ListMyMatchesResponseObject, error) {
	done := h.metrics.timeMatch("challenges")
	matches, challenges, err := h.app.MyMatches(ctx, principalFrom(ctx))
	done()
	if err != nil {
		return nil, err
	}
	page := pageOf(req.Params.Page, req.Params.PerPage)
	from, to := pageSlice(len(matches), page)
	items := make([]api.ChallengeMatch, 0, to-from)
	for _, m := range matches[from:to] {
		item := api.ChallengeMatch{Id: m.ChallengeID, ChallengeId: m.ChallengeID, Score: m.Score, Reasons: reasonsOut(m.Reasons)}
		if c := challenges[m.ChallengeID]; c != nil {
			co := h.challengeOut(ctx, c)
			item.Challenge = &co
		}
		items = append(items, item)
	}
	return api.ListMyMatches200JSONResponse{Items: items, Total: len(matches), Page: page.Page, PerPage: page.PerPage}, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
