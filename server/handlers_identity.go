package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

// claimable is set on profiles that nobody owns yet (imported ones), for the "claim this profile" button.
func claimable(m *models.Member) *bool {
	if len(m.OwnerIDs) > 0 {
		return nil
	}
	t := true
	return &t
}

func (h handlers) VerifyEmail(ctx context.Context, req api.VerifyEmailRequestObject) (api.VerifyEmailResponseObject, error) {
	if _, err := h.app.VerifyEmail(ctx, req.Body.Token); err != nil {
		return nil, err
	}
	return api.VerifyEmail204Response{}, nil
}

func (h handlers) ResendVerification(ctx context.Context, _ api.ResendVerificationRequestObject) (api.ResendVerificationResponseObject, error) {
	if err := h.app.ResendVerification(ctx, principalFrom(ctx)); err != nil {
		return nil, err
	}
	return api.ResendVerification202Response{}, nil
}

func (h handlers) RequestPasswordReset(ctx context.Context, req api.RequestPasswordResetRequestObject) (api.RequestPasswordResetResponseObject, error) {
	if err := h.app.RequestPasswordReset(ctx, req.Body.Email, clientIPFrom(ctx)); err != nil {
		return nil, err
	}
	return api.RequestPasswordReset202Response{}, nil
}

func (h handlers) ConfirmPasswordReset(ctx context.Context, req api.ConfirmPasswordResetRequestObject) (api.ConfirmPasswordResetResponseObject, error) {
	if err := h.app.ResetPassword(ctx, req.Body.Token, req.Body.Password); err != nil {
		return nil, err
	}
	return api.ConfirmPasswordReset204Response{}, nil
}

func (h handlers) InspectInvitation(ctx context.Context, req api.InspectInvitationRequestObject) (api.InspectInvitationResponseObject, error) {
	inv, err := h.app.InvitationFor(ctx, req.Body.Token)
	if err != nil {
		return nil, err
	}
	t := inv.Token
	out := api.InvitationInfo{Kind: api.InvitationInfoKind(t.Kind), Email: t.Email, MemberId: inv.Member.ID,
		MemberName: inv.Member.Name, MemberKind: api.Kind(inv.Member.Kind), ExpiresAt: t.ExpiresAt}
	if t.Role != "" {
		role := api.StaffRole(t.Role)
		out.Role = &role
	}
	exists, err := h.app.AccountExists(ctx, t.Email)
	if err != nil {
		return nil, err
	}
	out.AccountExists = &exists
	return api.InspectInvitation200JSONResponse(out), nil
}

func (h handlers) AcceptInvitation(ctx context.Context, req api.AcceptInvitationRequestObject) (api.AcceptInvitationResponseObject, error) {
	b := req.Body
	p := principalFrom(ctx)
	a, err := h.app.AcceptInvitation(ctx, p, app.AcceptInput{Secret: b.Token, Name: deref(b.Name), Password: deref(b.Password)})
	if err != nil {
		return nil, err
	}
	me := &models.Principal{AccountID: a.ID, MemberID: a.MemberID, Role: a.Role}
	a, m, err := h.app.Me(ctx, me)
	if err != nil {
		return nil, err
	}
	return api.AcceptInvitation200JSONResponse(meOut(a, m, me)), nil
}

func (h handlers) RequestClaim(ctx context.Context, req api.RequestClaimRequestObject) (api.RequestClaimResponseObject, error) {
	r, err := h.app.RequestClaim(ctx, principalFrom(ctx), req.Id, req.Body.Message)
	if err != nil {
		return nil, err
	}
	return api.RequestClaim201JSONResponse(claimRequestOut(r, nil, nil)), nil
}

func (h handlers) InviteToClaim(ctx context.Context, req api.InviteToClaimRequestObject) (api.InviteToClaimResponseObject, error) {
	var email, lang string
	if req.Body != nil {
		email, lang = deref(req.Body.Email), string(deref(req.Body.Language))
	}
	inv, err := h.app.InviteToClaim(ctx, principalFrom(ctx), req.Id, email, lang)
	if err != nil {
		return nil, err
	}
	return api.InviteToClaim201JSONResponse(invitationSent(inv)), nil
}

func invitationSent(inv *app.Invitation) api.InvitationSent {
	return api.InvitationSent{MemberId: inv.Member.ID, Email: inv.Token.Email, ExpiresAt: inv.Token.ExpiresAt}
}

func (h handlers) InviteManyToClaim(ctx context.Context, req api.InviteManyToClaimRequestObject) (api.InviteManyToClaimResponseObject, error) {
	results, err := h.app.InviteManyToClaim(ctx, principalFrom(ctx), req.Body.MemberIds, string(deref(req.Body.Language)))
	if err != nil {
		return nil, err
	}
	out := api.BulkInviteReport{Results: make([]api.BulkInviteResult, 0, len(results))}
	for _, r := range results {
		item := api.BulkInviteResult{MemberId: r.MemberID}
		if r.Err != nil {
			msg := models.ErrorMessage(r.Err)
			if fe := models.ErrorFields(r.Err); len(fe) > 0 {
				msg = fe[0].Detail
			}
			item.Error = &msg
		} else {
			out.Invited++
			item.Email, item.ExpiresAt = &r.Invitation.Token.Email, &r.Invitation.Token.ExpiresAt
		}
		out.Results = append(out.Results, item)
	}
	return api.InviteManyToClaim200JSONResponse(out), nil
}

func (h handlers) ListClaimRequests(ctx context.Context, req api.ListClaimRequestsRequestObject) (api.ListClaimRequestsResponseObject, error) {
	page := pageOf(req.Params.Page, req.Params.PerPage)
	rs, total, err := h.app.ClaimRequests(ctx, principalFrom(ctx), models.ClaimStatus(deref(req.Params.Status)), page)
	if err != nil {
		return nil, err
	}
	out := api.ClaimRequestList{Items: make([]api.ClaimRequest, 0, len(rs)), Total: total, Page: page.Page, PerPage: page.PerPage}
	for _, r := range rs {
		out.Items = append(out.Items, claimRequestOut(r.Request, r.Member, r.Account))
	}
	return api.ListClaimRequests200JSONResponse(out), nil
}

func (h handlers) DecideClaimRequest(ctx context.Context, req api.DecideClaimRequestRequestObject) (api.DecideClaimRequestResponseObject, error) {
	r, err := h.app.DecideClaim(ctx, principalFrom(ctx), req.Id, req.Body.Decision == api.ClaimApprove)
	if err != nil {
		return nil, err
	}
	return api.DecideClaimRequest200JSONResponse(claimRequestOut(r, nil, nil)), nil
}

func claimRequestOut(r *models.ClaimRequest, m *models.Member, a *models.Account) api.ClaimRequest {
	out := api.ClaimRequest{Id: r.ID, MemberId: r.MemberID, AccountId: r.AccountID, Message: r.Message,
		Status: api.ClaimStatus(r.Status), CreatedAt: r.CreatedAt, DecidedAt: r.DecidedAt}
	if m != nil {
		out.MemberName = optString(m.Name)
	}
	if a != nil {
		out.AccountName, out.AccountEmail = optString(a.Name), optString(a.Email)
	}
	return out
}

func (h handlers) ListStaff(ctx context.Context, req api.ListStaffRequestObject) (api.ListStaffResponseObject, error) {
	staff, err := h.app.Staff(ctx, principalFrom(ctx), req.Id)
	if err != nil {
		return nil, err
	}
	out := api.StaffList{Items: make([]api.StaffMember, 0, len(staff))}
	for _, s := range staff {
		if s.Role == "" {
			continue
		}
		out.Items = append(out.Items, api.StaffMember{AccountId: s.Account.ID, Name: s.Account.Name, Email: s.Account.Email,
			Role: api.StaffRole(s.Role)})
	}
	return api.ListStaff200JSONResponse(out), nil
}

func (h handlers) InviteStaff(ctx context.Context, req api.InviteStaffRequestObject) (api.InviteStaffResponseObject, error) {
	b := req.Body
	inv, err := h.app.InviteStaff(ctx, principalFrom(ctx), req.Id, b.Email, models.StaffRole(b.Role), string(deref(b.Language)))
	if err != nil {
		return nil, err
	}
	return api.InviteStaff201JSONResponse(invitationSent(inv)), nil
}

func (h handlers) SetStaffRole(ctx context.Context, req api.SetStaffRoleRequestObject) (api.SetStaffRoleResponseObject, error) {
	if err := h.app.SetStaffRole(ctx, principalFrom(ctx), req.Id, req.AccountId, models.StaffRole(req.Body.Role)); err != nil {
		return nil, err
	}
	return api.SetStaffRole204Response{}, nil
}

func (h handlers) RemoveStaff(ctx context.Context, req api.RemoveStaffRequestObject) (api.RemoveStaffResponseObject, error) {
	if err := h.app.RemoveStaff(ctx, principalFrom(ctx), req.Id, req.AccountId); err != nil {
		return nil, err
	}
	return api.RemoveStaff204Response{}, nil
}

func (h handlers) TransferOwnership(ctx context.Context, req api.TransferOwnershipRequestObject) (api.TransferOwnershipResponseObject, error) {
	if err := h.app.TransferOwnership(ctx, principalFrom(ctx), req.Id, req.Body.AccountId); err != nil {
		return nil, err
	}
	return api.TransferOwnership204Response{}, nil
}
