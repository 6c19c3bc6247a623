package app

import (
	"context"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// Session is what a sign-in or a refresh hands out.
type Session struct {
	AccessToken      string
	AccessExpiresAt  time.Time
	RefreshToken     string
	RefreshExpiresAt time.Time
	Account          *models.Account
}

// Login checks an email and password and opens a session. Attempts are limited per IP and per email.
func (s *Service) Login(ctx context.Context, email, password, ip string) (*Session, error) {
	email = models.NormalizeEmail(email)
	if err := s.allow(s.LoginByIP, "ip:"+ip); err != nil {
		return nil, err
	}
	if err := s.allow(s.LoginByEmail, "email:"+email); err != nil {
		return nil, err
	}
	bad := models.Errorf(models.CodeUnauthorized, "wrong email or password")
	a, err := s.Store.AccountByEmail(ctx, email)
	if models.ErrorCode(err) == models.CodeNotFound {
		_ = s.Hasher.DummyVerify(ctx, password)
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	ok, rehash, err := s.Hasher.Verify(ctx, password, a.PasswordHash)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !ok {
		a.FailedLogins++
		if err := s.Store.UpdateAccount(ctx, a); err != nil && models.ErrorCode(err) != models.CodeConflict {
			s.Logger.WarnContext(ctx, "recording a failed login", "account", a.ID, "err", err)
		}
		return nil, bad
	}
	if rehash {
		if h, err := s.Hasher.Hash(ctx, password); err == nil {
			a.PasswordHash = h
		}
	}
	a.FailedLogins, a.LastLoginAt = 0, &now
	if err := s.Store.UpdateAccount(ctx, a); err != nil && models.ErrorCode(err) != models.CodeConflict {
		return nil, err
	}
	return s.openSession(ctx, a, models.NewID("fam"))
}

// Refresh exchanges a refresh token for a new session. A token works once: presenting a used or revoked
// one revokes every token of its family, since it may have been stolen.
func (s *Service) Refresh(ctx context.Context, secret string) (*Session, error) {
	bad := models.Errorf(models.CodeUnauthorized, "the session has expired; sign in again")
	if secret == "" {
		return nil, bad
	}
	t, err := s.Store.RefreshTokenByHash(ctx, s.HashSecret(secret))
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !now.Before(t.ExpiresAt) {
		return nil, bad
	}
	used, err := s.Store.UseRefreshToken(ctx, t.ID, now)
	if err != nil {
		return nil, err
	}
	if !used {
		s.Logger.WarnContext(ctx, "refresh token reused: revoking its family", "account", t.AccountID, "family", t.FamilyID)
		if err := s.Store.RevokeFamily(ctx, t.FamilyID, now); err != nil {
			return nil, err
		}
		return nil, bad
	}
	a, err := s.Store.Account(ctx, t.AccountID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	return s.openSession(ctx, a, t.FamilyID)
}

// Logout revokes the family of a refresh token. An unknown token is not an error.
func (s *Service) Logout(ctx context.Context, secret string) error {
	if secret == "" {
		return nil
	}
	t, err := s.Store.RefreshTokenByHash(ctx, s.HashSecret(secret))
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	return s.Store.RevokeFamily(ctx, t.FamilyID, s.now())
}

func (s *Service) openSession(ctx context.Context, a *models.Account, family string) (*Session, error) {
	access, exp, err := s.Tokens.IssueAccess(a)
	if err != nil {
		return nil, err
	}
	secret, hash := s.NewSecret()
	now := s.now()
	t := &models.RefreshToken{ID: models.NewID("rt"), AccountID: a.ID, FamilyID: family, Hash: hash,
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.RefreshTTL)}
	if err := s.Store.CreateRefreshToken(ctx, t); err != nil {
		return nil, err
	}
	return &Session{AccessToken: access, AccessExpiresAt: exp, RefreshToken: secret, RefreshExpiresAt: t.ExpiresAt, Account: a}, nil
}

func (s *Service) allow(l RateLimiter, key string) error {
	if l == nil {
		return nil
	}
	if ok, retry := l.Allow(key); !ok {
		return &models.Error{Code: models.CodeRateLimited, Message: "too many sign-in attempts; try again later", RetryAfter: retry}
	}
	return nil
}
