package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
)

func countsOut(cs []app.Count) []api.Count {
	out := make([]api.Count, len(cs))
	for i, c := range cs {
		out[i] = api.Count{Key: c.Key, Label: optString(c.Label), Count: c.Count}
	}
	return out
}

func (h handlers) GetStats(ctx context.Context, _ api.GetStatsRequestObject) (api.GetStatsResponseObject, error) {
	st, err := h.app.Stats(ctx, principalFrom(ctx))
	if err != nil {
		return nil, err
	}
	overTime := make([]api.PeriodCount, len(st.MembersOverTime))
	for i, p := range st.MembersOverTime {
		overTime[i] = api.PeriodCount{Period: p.Period, Key: p.Key, Count: p.Count}
	}
	return api.GetStats200JSONResponse{
		MembersByKind: countsOut(st.MembersByKind), MembersBySector: countsOut(st.MembersBySector),
		MembersByWard: countsOut(st.MembersByWard), MembersOverTime: overTime,
		ChallengesByStatus: countsOut(st.ChallengesByStatus), Interests: st.Interests,
		ChallengesWithInterest: st.ChallengesWithInterest, ResponseRate: float32(st.ResponseRate),
		MatchNotifications: st.MatchNotifications, GeneratedAt: st.GeneratedAt,
	}, nil
}

func (h handlers) GetPublicStats(ctx context.Context, _ api.GetPublicStatsRequestObject) (api.GetPublicStatsResponseObject, error) {
	kinds, open, err := h.app.PublicStats(ctx)
	if err != nil {
		return nil, err
	}
	return api.GetPublicStats200JSONResponse{MembersByKind: countsOut(kinds), OpenChallenges: open}, nil
}
