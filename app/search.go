package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/hanoi-innovation/innonet/models"
)

// MemberPage is a page of the directory: the members, their search hits (score and highlights) when the
// page was searched, the total, and the facet counts asked for.
type MemberPage struct {
	Members []*models.Member
	Hits    map[string]models.MemberHit
	Total   int
	Facets  map[string][]models.FacetCount
}

// ChallengePage is a page of the challenge board.
type ChallengePage struct {
	Challenges []*models.Challenge
	Hits       map[string]models.ChallengeHit
	Total      int
	Facets     map[string][]models.FacetCount
}

// maxQueryRunes bounds the search text.
const maxQueryRunes = 1000

func checkQuery(text string) (string, error) {
	text = models.NormalizeText(text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		return "", models.Invalid(models.FieldError{Pointer: "q", Detail: "must have at most 1000 characters"})
	}
	return text, nil
}

// SearchMembers searches the directory of published profiles. Without text or facets it lists by recency
// from the store; otherwise the index answers and the store supplies the profiles.
func (s *Service) SearchMembers(ctx context.Context, q models.MemberQuery) (*MemberPage, error) {
	text, err := checkQuery(q.Text)
	if err != nil {
		return nil, err
	}
	q.Text = text
	page := models.Page{Page: q.Page, PerPage: q.PerPage}.Normalized()
	q.Page, q.PerPage = page.Page, page.PerPage
	if q.Text == "" && len(q.Facets) == 0 {
		f := models.MemberFilter{Kind: models.Kind(q.Kind), Sector: q.Sector, Ward: q.Ward, Stage: q.Stage, Page: page}
		if q.Verified != nil {
			f.Verification = models.VerificationNone
			if *q.Verified {
				f.Verification = models.VerificationVerified
			}
		}
		ms, total, err := s.ListMembers(ctx, f)
		return &MemberPage{Members: ms, Total: total}, err
	}
	if s.Index == nil {
		return nil, models.Errorf(models.CodeUnavailable, "search is not available")
	}
	res, err := s.Index.SearchMembers(ctx, q)
	if err != nil {
		return nil, err
	}
	out := &MemberPage{Hits: make(map[string]models.MemberHit, len(res.Hits)), Total: int(res.Total), Facets: res.Facets}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	var found []*models.Member
	if len(ids) > 0 {
		if found, err = s.Store.MembersByID(ctx, ids); err != nil {
			return nil, err
		}
	}
	byID := make(map[string]*models.Member, len(found))
	for _, m := range found {
		byID[m.ID] = m
	}
	for _, h := range res.Hits {
		if m := byID[h.ID]; m != nil && m.Published() {
			out.Members = append(out.Members, m)
			out.Hits[m.ID] = h
		}
	}
	return out, nil
}

// SearchChallenges searches the challenge board. An agency's drafts are listed from the store only when it
// asks for its own challenges without text.
func (s *Service) SearchChallenges(ctx context.Context, p *models.Principal, q models.ChallengeQuery, postedBy string) (*ChallengePage, error) {
	text, err := checkQuery(q.Text)
	if err != nil {
		return nil, err
	}
	q.Text = text
	page := models.Page{Page: q.Page, PerPage: q.PerPage}.Normalized()
	q.Page, q.PerPage = page.Page, page.PerPage
	if q.Text == "" && len(q.Facets) == 0 || postedBy != "" {
		f := models.ChallengeFilter{Sector: q.Sector, Ward: q.Ward, PostedBy: postedBy, Page: page}
		if q.Status != "" {
			f.Statuses = []models.ChallengeStatus{models.ChallengeStatus(q.Status)}
		}
		cs, total, err := s.ListChallenges(ctx, p, f)
		return &ChallengePage{Challenges: cs, Total: total}, err
	}
	if s.Index == nil {
		return nil, models.Errorf(models.CodeUnavailable, "search is not available")
	}
	if q.Status == string(models.ChallengeDraft) {
		return &ChallengePage{}, nil
	}
	res, err := s.Index.SearchChallenges(ctx, q)
	if err != nil {
		return nil, err
	}
	out := &ChallengePage{Hits: make(map[string]models.ChallengeHit, len(res.Hits)), Total: int(res.Total), Facets: res.Facets}
	for _, h := range res.Hits {
		c, err := s.Store.Challenge(ctx, h.ID)
		if models.ErrorCode(err) == models.CodeNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		if c.Status != models.ChallengeDraft {
			out.Challenges = append(out.Challenges, c)
			out.Hits[c.ID] = h
		}
	}
	return out, nil
}

// Suggest proposes member names, skills and sectors as the user types, from the second character on.
func (s *Service) Suggest(ctx context.Context, prefix string, limit int) ([]models.Suggestion, error) {
	prefix, err := checkQuery(prefix)
	if err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(strings.TrimSpace(prefix)) < 2 || s.Index == nil {
		return []models.Suggestion{}, nil
	}
	return s.Index.Suggest(ctx, prefix, min(max(limit, 1), 20))
}
