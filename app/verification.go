package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// sendVerification mails a an email verification link. A failure is logged: the account works without it.
func (s *Service) sendVerification(ctx context.Context, a *models.Account) error {
	_, err := s.issueToken(ctx, &models.OneTimeToken{Kind: models.TokenVerifyEmail, AccountID: a.ID, Email: a.Email},
		AccountMail{AccountID: a.ID, Name: a.Name, Lang: s.languageOf(ctx, a.ID)})
	return err
}

// ResendVerification mails p a new verification link, at most a few times an hour.
func (s *Service) ResendVerification(ctx context.Context, p *models.Principal) error {
	a, _, err := s.Me(ctx, p)
	if err != nil {
		return err
	}
	if a.EmailVerified() {
		return models.Errorf(models.CodeConflict, "your email is already verified")
	}
	if err := s.allowMail("verify:" + a.ID); err != nil {
		return err
	}
	return s.sendVerification(ctx, a)
}

// VerifyEmail marks verified the email of the account the link was mailed to. A link mailed to an address
// the account no longer has verifies nothing.
func (s *Service) VerifyEmail(ctx context.Context, secret string) (*models.Account, error) {
	t, err := s.consumeToken(ctx, secret, models.TokenVerifyEmail, "/token")
	if err != nil {
		return nil, err
	}
	var a *models.Account
	err = s.retryAccount(ctx, t.AccountID, func(acc *models.Account) error {
		if acc.Email != t.Email {
			return invalidLink("/token")
		}
		if acc.EmailVerifiedAt == nil {
			now := s.now()
			acc.EmailVerifiedAt = &now
		}
		a = acc
		return nil
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, invalidLink("/token")
	}
	return a, err
}

// retryAccount applies change to the stored account and writes it, reading again after a concurrent write.
func (s *Service) retryAccount(ctx context.Context, id string, change func(*models.Account) error) error {
	for range 5 {
		a, err := s.Store.Account(ctx, id)
		if err != nil {
			return err
		}
		if err := change(a); err != nil {
			return err
		}
		err = s.Store.UpdateAccount(ctx, a)
		if models.ErrorCode(err) != models.CodeConflict || len(models.ErrorFields(err)) > 0 {
			return err
		}
	}
	return models.Errorf(models.CodeConflict, "the account is being changed; try again")
}
