package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

func (h handlers) CreateChallenge(ctx context.Context, req api.CreateChallengeRequestObject) (api.CreateChallengeResponseObject, error) {
	b := req.Body
	c := &models.Challenge{}
	challengeFields{Title: &b.Title, Description: &b.Description, Context: b.Context, Constraints: b.Constraints,
		ExpectedOutcome: b.ExpectedOutcome, Ward: b.Ward, Sectors: b.Sectors, RequiredSkills: b.RequiredSkills,
		PreferredKinds: b.PreferredKinds, BudgetVnd: b.BudgetVnd, Deadline: b.Deadline}.apply(c)
	c, err := h.app.CreateChallenge(ctx, principalFrom(ctx), deref(b.PostedBy), c)
	if err != nil {
		return nil, err
	}
	return api.CreateChallenge201JSONResponse{Body: h.challengeOut(ctx, c), Headers: api.CreateChallenge201ResponseHeaders{ETag: optString(app.ETag(c.Version))}}, nil
}

func (h handlers) GetChallenge(ctx context.Context, req api.GetChallengeRequestObject) (api.GetChallengeResponseObject, error) {
	c, err := h.app.Challenge(ctx, principalFrom(ctx), req.Id)
	if err != nil {
		return nil, err
	}
	return api.GetChallenge200JSONResponse{Body: h.challengeOut(ctx, c), Headers: api.GetChallenge200ResponseHeaders{ETag: optString(app.ETag(c.Version))}}, nil
}

func (h handlers) UpdateChallenge(ctx context.Context, req api.UpdateChallengeRequestObject) (api.UpdateChallengeResponseObject, error) {
	b := req.Body
	want, err := app.ExpectedFrom(req.Params.IfMatch, b.Version)
	if err != nil {
		return nil, err
	}
	fields := challengeFields{Title: b.Title, Description: b.Description, Context: b.Context, Constraints: b.Constraints,
		ExpectedOutcome: b.ExpectedOutcome, Ward: b.Ward, Sectors: b.Sectors, RequiredSkills: b.RequiredSkills,
		PreferredKinds: b.PreferredKinds, BudgetVnd: b.BudgetVnd, Deadline: b.Deadline}
	c, err := h.app.UpdateChallenge(ctx, principalFrom(ctx), req.Id, want, fields.apply)
	if err != nil {
		return nil, err
	}
	return api.UpdateChallenge200JSONResponse{Body: h.challengeOut(ctx, c), Headers: api.UpdateChallenge200ResponseHeaders{ETag: optString(app.ETag(c.Version))}}, nil
}

func (h handlers) PublishChallenge(ctx context.Context, req api.PublishChallengeRequestObject) (api.PublishChallengeResponseObject, error) {
	c, err := h.app.PublishChallenge(ctx, principalFrom(ctx), req.Id)
	if err != nil {
		return nil, err
	}
	return api.PublishChallenge200JSONResponse(h.challengeOut(ctx, c)), nil
}

func (h handlers) CloseChallenge(ctx context.Context, req api.CloseChallengeRequestObject) (api.CloseChallengeResponseObject, error) {
	outcome := models.ChallengeClosed
	if req.Body != nil && req.Body.Outcome != nil && *req.Body.Outcome == api.CloseRequestOutcomeAwarded {
		outcome = models.ChallengeAwarded
	}
	c, err := h.app.CloseChallenge(ctx, principalFrom(ctx), req.Id, outcome)
	if err != nil {
		return nil, err
	}
	return api.CloseChallenge200JSONResponse(h.challengeOut(ctx, c)), nil
}
