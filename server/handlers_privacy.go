package server

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

func consentOut(c app.ConsentState) *api.ConsentState {
	out := &api.ConsentState{CurrentVersion: c.CurrentVersion, Required: c.Required()}
	if c.Latest != nil {
		out.PolicyVersion, out.GivenAt = &c.Latest.PolicyVersion, &c.Latest.GivenAt
	}
	return out
}

func (h handlers) GiveConsent(ctx context.Context, req api.GiveConsentRequestObject) (api.GiveConsentResponseObject, error) {
	c, err := h.app.GiveConsent(ctx, principalFrom(ctx), req.Body.PolicyVersion)
	if err != nil {
		return nil, err
	}
	return api.GiveConsent200JSONResponse(*consentOut(c)), nil
}

func (h handlers) GetMyData(ctx context.Context, _ api.GetMyDataRequestObject) (api.GetMyDataResponseObject, error) {
	d, err := h.app.MyData(ctx, principalFrom(ctx))
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	var body api.MyData
	if err := json.Unmarshal(b, &body); err != nil {
		return nil, err
	}
	disposition := fmt.Sprintf(`attachment; filename="innonet-my-data-%s.json"`, d.GeneratedAt.Format("2006-01-02"))
	return api.GetMyData200JSONResponse{Body: body, Headers: api.GetMyData200ResponseHeaders{ContentDisposition: &disposition}}, nil
}

func (h handlers) DeleteMyAccount(ctx context.Context, req api.DeleteMyAccountRequestObject) (api.DeleteMyAccountResponseObject, error) {
	if err := h.app.DeleteAccount(ctx, principalFrom(ctx), req.Body.Password); err != nil {
		return nil, err
	}
	cookie := h.sessionCookie("", time.Unix(0, 0))
	return api.DeleteMyAccount204Response{Headers: api.DeleteMyAccount204ResponseHeaders{SetCookie: &cookie}}, nil
}

func (h handlers) ListAudit(ctx context.Context, req api.ListAuditRequestObject) (api.ListAuditResponseObject, error) {
	page := pageOf(req.Params.Page, req.Params.PerPage)
	f := models.AuditFilter{Actor: deref(req.Params.Actor), Action: models.AuditAction(deref(req.Params.Action)),
		TargetID: deref(req.Params.Target), Page: page}
	es, total, err := h.app.AuditLog(ctx, principalFrom(ctx), f)
	if err != nil {
		return nil, err
	}
	items := make([]api.AuditEntry, len(es))
	for i, e := range es {
		items[i] = api.AuditEntry{Id: e.ID, At: e.At, Actor: e.Actor, Action: string(e.Action), TargetType: string(e.TargetType),
			TargetId: e.TargetID, RequestId: optString(e.RequestID)}
		if len(e.Details) > 0 {
			d := e.Details
			items[i].Details = &d
		}
	}
	return api.ListAudit200JSONResponse{Items: items, Total: total, Page: page.Page, PerPage: page.PerPage}, nil
}
