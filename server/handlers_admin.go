package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
)

func (h handlers) ListPendingVerifications(ctx context.Context, req api.ListPendingVerificationsRequestObject) (api.ListPendingVerificationsResponseObject, error) {
	page := pageOf(req.Params.Page, req.Params.PerPage)
	ms, total, err := h.app.PendingVerifications(ctx, principalFrom(ctx), page)
	if err != nil {
		return nil, err
	}
	return api.ListPendingVerifications200JSONResponse(h.memberList(ctx, ms, total, page, "verification_queue")), nil
}

func (h handlers) DecideVerification(ctx context.Context, req api.DecideVerificationRequestObject) (api.DecideVerificationResponseObject, error) {
	p := principalFrom(ctx)
	m, err := h.app.DecideVerification(ctx, p, req.Id, req.Body.Decision == api.Verify, deref(req.Body.Note))
	if err != nil {
		return nil, err
	}
	return api.DecideVerification200JSONResponse(h.memberShown(ctx, m, p, "verification_decision")), nil
}
