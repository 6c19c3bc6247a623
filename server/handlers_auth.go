package server

import (
	"context"
	"net/http"
	"time"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

const refreshCookie = "innonet_refresh"

func (h handlers) Register(ctx context.Context, req api.RegisterRequestObject) (api.RegisterResponseObject, error) {
	b := req.Body
	a, m, err := h.app.Register(ctx, app.RegisterInput{Email: string(b.Email), Password: b.Password, Name: b.Name,
		Kind: models.Kind(b.Kind), PolicyVersion: deref(b.PrivacyPolicyVersion)})
	if err != nil {
		return nil, err
	}
	p := &models.Principal{AccountID: a.ID, MemberID: a.MemberID, Role: a.Role}
	out := meOut(a, m, p)
	if c, err := h.app.Consent(ctx, a.ID); err == nil {
		out.Consent = consentOut(c)
	}
	return api.Register201JSONResponse(out), nil
}

func (h handlers) Login(ctx context.Context, req api.LoginRequestObject) (api.LoginResponseObject, error) {
	sess, err := h.app.Login(ctx, req.Body.Email, req.Body.Password, clientIPFrom(ctx))
	if err != nil {
		return nil, err
	}
	cookie := h.sessionCookie(sess.RefreshToken, sess.RefreshExpiresAt)
	return api.Login200JSONResponse{Body: tokenPair(sess), Headers: api.Login200ResponseHeaders{SetCookie: &cookie}}, nil
}

func (h handlers) Refresh(ctx context.Context, req api.RefreshRequestObject) (api.RefreshResponseObject, error) {
	sess, err := h.app.Refresh(ctx, refreshSecret(req.Body, req.Params.InnonetRefresh))
	if err != nil {
		return nil, err
	}
	cookie := h.sessionCookie(sess.RefreshToken, sess.RefreshExpiresAt)
	return api.Refresh200JSONResponse{Body: tokenPair(sess), Headers: api.Refresh200ResponseHeaders{SetCookie: &cookie}}, nil
}

func (h handlers) Logout(ctx context.Context, req api.LogoutRequestObject) (api.LogoutResponseObject, error) {
	if err := h.app.Logout(ctx, refreshSecret(req.Body, req.Params.InnonetRefresh)); err != nil {
		return nil, err
	}
	cookie := h.sessionCookie("", time.Unix(0, 0))
	return api.Logout204Response{Headers: api.Logout204ResponseHeaders{SetCookie: &cookie}}, nil
}

func (h handlers) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	p := principalFrom(ctx)
	a, m, err := h.app.Me(ctx, p)
	if err != nil {
		return nil, err
	}
	c, err := h.app.Consent(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	out := meOut(a, m, p)
	out.Consent = consentOut(c)
	return api.GetMe200JSONResponse(out), nil
}

func (h handlers) ChangePassword(ctx context.Context, req api.ChangePasswordRequestObject) (api.ChangePasswordResponseObject, error) {
	if err := h.app.ChangePassword(ctx, principalFrom(ctx), req.Body.CurrentPassword, req.Body.NewPassword); err != nil {
		return nil, err
	}
	return api.ChangePassword204Response{}, nil
}

func tokenPair(s *app.Session) api.TokenPair {
	return api.TokenPair{AccessToken: s.AccessToken, TokenType: api.Bearer,
		ExpiresIn:    int(time.Until(s.AccessExpiresAt).Round(time.Second).Seconds()),
		RefreshToken: s.RefreshToken, RefreshExpiresAt: s.RefreshExpiresAt}
}

func refreshSecret(body *api.RefreshRequest, cookie *string) string {
	if body != nil && body.RefreshToken != nil && *body.RefreshToken != "" {
		return *body.RefreshToken
	}
	return deref(cookie)
}

// sessionCookie carries the refresh token for the browser: HttpOnly, SameSite=Strict, scoped to the auth
// routes. An empty value with a past expiry clears it.
func (h handlers) sessionCookie(value string, expires time.Time) string {
	c := &http.Cookie{Name: refreshCookie, Value: value, Path: "/api/v1/auth", HttpOnly: true,
		Secure: !h.cfg.InsecureCookies, SameSite: http.SameSiteStrictMode, Expires: expires}
	if value == "" {
		c.MaxAge = -1
	}
	return c.String()
}
