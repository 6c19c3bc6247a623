package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

func notificationOut(n *models.Notification) api.Notification {
	out := api.Notification{Id: n.ID, Seq: n.Seq, Type: api.NotificationType(n.Type), Title: n.Title,
		ChallengeId: optString(n.ChallengeID), MemberId: optString(n.MemberID), CreatedAt: n.CreatedAt,
		Read: n.ReadAt != nil, Score: optInt(n.Score)}
	if len(n.Reasons) > 0 {
		rs := reasonsOut(n.Reasons)
		out.Reasons = &rs
	}
	return out
}

func preferencesOut(p *models.Preferences) api.Preferences {
	v := p.Version
	return api.Preferences{InApp: p.InApp, Email: api.Frequency(p.Email), MinScore: p.MinScore,
		Sectors: optStrings(p.Sectors), Language: api.PreferencesLanguage(p.Language), Version: &v}
}

func (h handlers) ListNotifications(ctx context.Context, req api.ListNotificationsRequestObject) (api.ListNotificationsResponseObject, error) {
	page := pageOf(req.Params.Page, req.Params.PerPage)
	ns, total, unread, err := h.app.Notifications(ctx, principalFrom(ctx), page)
	if err != nil {
		return nil, err
	}
	items := make([]api.Notification, len(ns))
	for i, n := range ns {
		items[i] = notificationOut(n)
	}
	return api.ListNotifications200JSONResponse{Items: items, Total: total, Unread: unread, Page: page.Page, PerPage: page.PerPage}, nil
}

func (h handlers) MarkNotificationsRead(ctx context.Context, req api.MarkNotificationsReadRequestObject) (api.MarkNotificationsReadResponseObject, error) {
	var ids []string
	if req.Body != nil && req.Body.Ids != nil {
		ids = *req.Body.Ids
	}
	unread, err := h.app.MarkRead(ctx, principalFrom(ctx), ids)
	if err != nil {
		return nil, err
	}
	return api.MarkNotificationsRead200JSONResponse{Unread: unread}, nil
}

func (h handlers) GetUnreadCount(ctx context.Context, _ api.GetUnreadCountRequestObject) (api.GetUnreadCountResponseObject, error) {
	unread, err := h.app.UnreadCount(ctx, principalFrom(ctx))
	if err != nil {
		return nil, err
	}
	return api.GetUnreadCount200JSONResponse{Unread: unread}, nil
}

func (h handlers) GetPreferences(ctx context.Context, _ api.GetPreferencesRequestObject) (api.GetPreferencesResponseObject, error) {
	pr, err := h.app.Preferences(ctx, principalFrom(ctx))
	if err != nil {
		return nil, err
	}
	return api.GetPreferences200JSONResponse(preferencesOut(pr)), nil
}

func (h handlers) UpdatePreferences(ctx context.Context, req api.UpdatePreferencesRequestObject) (api.UpdatePreferencesResponseObject, error) {
	b := req.Body
	pr, err := h.app.UpdatePreferences(ctx, principalFrom(ctx), func(p *models.Preferences) {
		set(&p.InApp, b.InApp)
		set(&p.MinScore, b.MinScore)
		if b.Email != nil {
			p.Email = models.Frequency(*b.Email)
		}
		if b.Language != nil {
			p.Language = string(*b.Language)
		}
		if b.Sectors != nil {
			p.Sectors = *b.Sectors
		}
	})
	if err != nil {
		return nil, err
	}
	return api.UpdatePreferences200JSONResponse(preferencesOut(pr)), nil
}

func (h handlers) Unsubscribe(ctx context.Context, req api.UnsubscribeRequestObject) (api.UnsubscribeResponseObject, error) {
	pr, err := h.app.Unsubscribe(ctx, req.Params.Token)
	if err != nil {
		return nil, err
	}
	return api.Unsubscribe200JSONResponse(preferencesOut(pr)), nil
}
