package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

func interestOut(in *models.Interest) api.Interest {
	return api.Interest{Id: in.ID, ChallengeId: in.ChallengeID, MemberId: in.MemberID, Kind: api.InterestKind(in.Kind),
		Message: optString(in.Message), Status: api.InterestStatus(in.Status), CreatedAt: in.CreatedAt,
		UpdatedAt: in.UpdatedAt, Version: in.Version}
}

func (h handlers) CreateInterest(ctx context.Context, req api.CreateInterestRequestObject) (api.CreateInterestResponseObject, error) {
	var kind models.InterestKind
	if req.Body.Kind != nil {
		kind = models.InterestKind(*req.Body.Kind)
	}
	in, err := h.app.CreateInterest(ctx, principalFrom(ctx), req.Id, kind, deref(req.Body.Message))
	if err != nil {
		return nil, err
	}
	return api.CreateInterest201JSONResponse(interestOut(in)), nil
}

func (h handlers) ListChallengeInterests(ctx context.Context, req api.ListChallengeInterestsRequestObject) (api.ListChallengeInterestsResponseObject, error) {
	page := pageOf(req.Params.Page, req.Params.PerPage)
	ins, members, total, err := h.app.ChallengeInterests(ctx, principalFrom(ctx), req.Id, page)
	if err != nil {
		return nil, err
	}
	items := make([]api.Interest, len(ins))
	for i, in := range ins {
		items[i] = interestOut(in)
		if m := members[in.MemberID]; m != nil {
			// Responding to the challenge shows the member's contact details to its agency.
			h.app.NoteContactReveal(ctx, principalFrom(ctx), m, m.Contact, "interest")
			mo := memberOut(m, &models.Principal{Role: models.RoleAdmin})
			mo.VerificationNote = nil
			items[i].Member = &mo
		}
	}
	return api.ListChallengeInterests200JSONResponse{Items: items, Total: total, Page: page.Page, PerPage: page.PerPage}, nil
}

func (h handlers) DecideInterest(ctx context.Context, req api.DecideInterestRequestObject) (api.DecideInterestResponseObject, error) {
	want, err := app.ExpectedFrom(nil, req.Body.Version)
	if err != nil {
		return nil, err
	}
	in, err := h.app.DecideInterest(ctx, principalFrom(ctx), req.Id, models.InterestStatus(req.Body.Status), want)
	if err != nil {
		return nil, err
	}
	return api.DecideInterest200JSONResponse(interestOut(in)), nil
}

func (h handlers) ListMyInterests(ctx context.Context, req api.ListMyInterestsRequestObject) (api.ListMyInterestsResponseObject, error) {
	page := pageOf(req.Params.Page, req.Params.PerPage)
	ins, challenges, total, err := h.app.MyInterests(ctx, principalFrom(ctx), page)
	if err != nil {
		return nil, err
	}
	items := make([]api.Interest, len(ins))
	for i, in := range ins {
		items[i] = interestOut(in)
		if c := challenges[in.ChallengeID]; c != nil {
			co := h.challengeOut(ctx, c)
			items[i].Challenge = &co
		}
	}
	return api.ListMyInterests200JSONResponse{Items: items, Total: total, Page: page.Page, PerPage: page.PerPage}, nil
}
