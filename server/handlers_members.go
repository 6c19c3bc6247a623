package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

func (h handlers) memberList(ctx context.Context, ms []*models.Member, total int, page models.Page, via string) api.MemberList {
	p := principalFrom(ctx)
	items := make([]api.Member, len(ms))
	for i, m := range ms {
		items[i] = h.memberShown(ctx, m, p, via)
	}
	return api.MemberList{Items: items, Total: total, Page: page.Page, PerPage: page.PerPage}
}

func (h handlers) GetMember(ctx context.Context, req api.GetMemberRequestObject) (api.GetMemberResponseObject, error) {
	p := principalFrom(ctx)
	m, err := h.app.Member(ctx, p, req.Id)
	if err != nil {
		return nil, err
	}
	return api.GetMember200JSONResponse{Body: h.memberShown(ctx, m, p, "profile"), Headers: api.GetMember200ResponseHeaders{ETag: optString(app.ETag(m.Version))}}, nil
}

func (h handlers) UpdateMember(ctx context.Context, req api.UpdateMemberRequestObject) (api.UpdateMemberResponseObject, error) {
	want, err := app.ExpectedFrom(req.Params.IfMatch, req.Body.Version)
	if err != nil {
		return nil, err
	}
	p := principalFrom(ctx)
	m, err := h.app.UpdateMember(ctx, p, req.Id, want, applyMemberUpdate(req.Body))
	if err != nil {
		return nil, err
	}
	return api.UpdateMember200JSONResponse{Body: h.memberShown(ctx, m, p, "profile_update"), Headers: api.UpdateMember200ResponseHeaders{ETag: optString(app.ETag(m.Version))}}, nil
}

func (h handlers) DeleteMember(ctx context.Context, req api.DeleteMemberRequestObject) (api.DeleteMemberResponseObject, error) {
	want := app.Expected{Any: true}
	if req.Params.IfMatch != nil {
		var err error
		if want, err = app.ExpectedFrom(req.Params.IfMatch, nil); err != nil {
			return nil, err
		}
	}
	if err := h.app.DeleteMember(ctx, principalFrom(ctx), req.Id, want); err != nil {
		return nil, err
	}
	return api.DeleteMember204Response{}, nil
}

func (h handlers) PublishMember(ctx context.Context, req api.PublishMemberRequestObject) (api.PublishMemberResponseObject, error) {
	p := principalFrom(ctx)
	m, err := h.app.PublishMember(ctx, p, req.Id)
	if err != nil {
		return nil, err
	}
	return api.PublishMember200JSONResponse(h.memberShown(ctx, m, p, "profile_publish")), nil
}
