package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// RequestPasswordReset mails a reset link to the account with the email, if there is one. The answer is the
// same either way, so that nobody learns which emails have accounts; the limits count every request alike.
func (s *Service) RequestPasswordReset(ctx context.Context, email, ip string) error {
	email = models.NormalizeEmail(email)
	if !models.ValidEmail(email) {
		return models.Invalid(models.FieldError{Pointer: "/email", Detail: "is not an email address"})
	}
	if err := s.allowMail("reset-ip:" + ip); err != nil {
		return err
	}
	if err := s.allowMail("reset:" + email); err != nil {
		return err
	}
	a, err := s.Store.AccountByEmail(ctx, email)
	if models.ErrorCode(err) == models.CodeNotFound {
		s.Logger.InfoContext(ctx, "password reset asked for an unknown email")
		return nil
	}
	if err != nil {
		return err
	}
	_, err = s.issueToken(ctx, &models.OneTimeToken{Kind: models.TokenResetPassword, AccountID: a.ID, Email: a.Email},
		AccountMail{AccountID: a.ID, Name: a.Name, Lang: s.languageOf(ctx, a.ID)})
	return err
}

// ResetPassword sets a new password with a reset link, and signs out every session of the account. Following
// the link proves the email too.
func (s *Service) ResetPassword(ctx context.Context, secret, password string) error {
	if err := s.checkPassword("/password", password); err != nil {
		return err
	}
	t, err := s.consumeToken(ctx, secret, models.TokenResetPassword, "/token")
	if err != nil {
		return err
	}
	hash, err := s.Hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	now := s.now()
	err = s.retryAccount(ctx, t.AccountID, func(a *models.Account) error {
		if a.Email != t.Email {
			return invalidLink("/token")
		}
		a.PasswordHash, a.PasswordChangedAt, a.FailedLogins = hash, now, 0
		if a.EmailVerifiedAt == nil {
			a.EmailVerifiedAt = &now
		}
		return nil
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return invalidLink("/token")
	}
	if err != nil {
		return err
	}
	s.Logger.InfoContext(ctx, "password reset", "account", t.AccountID)
	return s.Store.RevokeAccountTokens(ctx, t.AccountID, now)
}
