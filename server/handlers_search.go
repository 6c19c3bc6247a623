package server

import (
	"context"
	"strings"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

func splitFacets(s *string) []string {
	if s == nil || *s == "" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(*s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func facetsOut(fs map[string][]models.FacetCount, label func(facet, value string) string) *map[string][]api.FacetCount {
	if fs == nil {
		return nil
	}
	out := make(map[string][]api.FacetCount, len(fs))
	for name, counts := range fs {
		list := make([]api.FacetCount, len(counts))
		for i, c := range counts {
			list[i] = api.FacetCount{Value: c.Value, Count: c.Count, Label: optString(label(name, c.Value))}
		}
		out[name] = list
	}
	return &out
}

// facetLabel names a sector facet's value in Vietnamese and English.
func (h handlers) facetLabel(facet, value string) string {
	if facet == "sector" {
		if s, ok := h.app.Taxonomy.Sector(value); ok {
			return s.LabelVI + " / " + s.LabelEN
		}
	}
	return ""
}

func highlightsOut(hl map[string][]string) *map[string][]string {
	if len(hl) == 0 {
		return nil
	}
	return &hl
}

func (h handlers) ListMembers(ctx context.Context, req api.ListMembersRequestObject) (api.ListMembersResponseObject, error) {
	q := req.Params
	mq := models.MemberQuery{Text: deref(q.Q), Sector: deref(q.Sector), Ward: deref(q.Ward), Verified: q.Verified,
		Page: deref(q.Page), PerPage: deref(q.PerPage), Facets: splitFacets(q.Facets)}
	if q.Kind != nil {
		mq.Kind = string(*q.Kind)
	}
	if q.Stage != nil {
		mq.Stage = string(*q.Stage)
	}
	done := h.metrics.timeSearch("members")
	res, err := h.app.SearchMembers(ctx, mq)
	done()
	if err != nil {
		return nil, err
	}
	p := principalFrom(ctx)
	page := pageOf(q.Page, q.PerPage)
	items := make([]api.Member, len(res.Members))
	for i, m := range res.Members {
		items[i] = memberCard(m, p)
		if hit, ok := res.Hits[m.ID]; ok {
			score := float32(hit.Score)
			items[i].Score, items[i].Highlights = &score, highlightsOut(hit.Highlights)
		}
	}
	return api.ListMembers200JSONResponse{Items: items, Total: res.Total, Page: page.Page, PerPage: page.PerPage,
		Facets: facetsOut(res.Facets, h.facetLabel)}, nil
}

func (h handlers) ListChallenges(ctx context.Context, req api.ListChallengesRequestObject) (api.ListChallengesResponseObject, error) {
	q := req.Params
	cq := models.ChallengeQuery{Text: deref(q.Q), Sector: deref(q.Sector), Ward: deref(q.Ward),
		Page: deref(q.Page), PerPage: deref(q.PerPage), Facets: splitFacets(q.Facets)}
	if q.Status != nil {
		cq.Status = string(*q.Status)
	}
	done := h.metrics.timeSearch("challenges")
	res, err := h.app.SearchChallenges(ctx, principalFrom(ctx), cq, deref(q.PostedBy))
	done()
	if err != nil {
		return nil, err
	}
	page := pageOf(q.Page, q.PerPage)
	items := make([]api.Challenge, len(res.Challenges))
	for i, c := range res.Challenges {
		items[i] = h.challengeOut(ctx, c)
		if hit, ok := res.Hits[c.ID]; ok {
			score := float32(hit.Score)
			items[i].Score, items[i].Highlights = &score, highlightsOut(hit.Highlights)
		}
	}
	return api.ListChallenges200JSONResponse{Items: items, Total: res.Total, Page: page.Page, PerPage: page.PerPage,
		Facets: facetsOut(res.Facets, h.facetLabel)}, nil
}

func (h handlers) Suggest(ctx context.Context, req api.SuggestRequestObject) (api.SuggestResponseObject, error) {
	limit := 8
	if req.Params.Limit != nil {
		limit = *req.Params.Limit
	}
	done := h.metrics.timeSearch("suggest")
	ss, err := h.app.Suggest(ctx, req.Params.Q, limit)
	done()
	if err != nil {
		return nil, err
	}
	items := make([]api.Suggestion, len(ss))
	for i, s := range ss {
		items[i] = api.Suggestion{Kind: api.SuggestionKind(s.Kind), Text: s.Text, Id: optString(s.ID), Count: optInt(s.Count)}
	}
	return api.Suggest200JSONResponse{Items: items}, nil
}
