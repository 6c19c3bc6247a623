package app

import (
	"context"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// AccountMail is an email of an account's life that carries a one-time link: verify an email, reset a
// password, claim a profile, join an organisation's staff.
type AccountMail struct {
	Kind      models.TokenKind
	TokenID   string // unique per mail: its idempotency key
	Secret    string // goes into the link, nowhere else
	AccountID string // the recipient's account, if it has one
	To        string
	Name      string
	Lang      string
	ExpiresAt time.Time
	// MemberName names the profile a claim or staff invitation is for; InvitedBy who sent it.
	MemberName string
	InvitedBy  string
	Role       models.StaffRole
}

// AccountMailer sends account emails (through the outbox).
type AccountMailer interface {
	SendAccountMail(ctx context.Context, m AccountMail) error
}

// Default lifetimes of the one-time tokens.
const (
	defaultVerifyTTL = 48 * time.Hour
	defaultResetTTL  = time.Hour
	defaultClaimTTL  = 14 * 24 * time.Hour
	defaultInviteTTL = 7 * 24 * time.Hour
)

func (s *Service) tokenTTL(kind models.TokenKind) time.Duration {
	ttl := map[models.TokenKind]time.Duration{
		models.TokenVerifyEmail: s.cfg.VerifyTTL, models.TokenResetPassword: s.cfg.ResetTTL,
		models.TokenClaimProfile: s.cfg.ClaimTTL, models.TokenStaffInvite: s.cfg.InviteTTL,
	}[kind]
	if ttl > 0 {
		return ttl
	}
	return map[models.TokenKind]time.Duration{
		models.TokenVerifyEmail: defaultVerifyTTL, models.TokenResetPassword: defaultResetTTL,
		models.TokenClaimProfile: defaultClaimTTL, models.TokenStaffInvite: defaultInviteTTL,
	}[kind]
}

// issueToken stores a new one-time token built from t and mails its link. The mail says what t says.
func (s *Service) issueToken(ctx context.Context, t *models.OneTimeToken, mail AccountMail) (*models.OneTimeToken, error) {
	secret, hash := s.NewSecret()
	now := s.now()
	t.ID, t.Hash, t.Email, t.CreatedAt, t.ExpiresAt = models.NewID("ot"), hash, models.NormalizeEmail(t.Email), now, now.Add(s.tokenTTL(t.Kind))
	if err := s.Store.CreateToken(ctx, t); err != nil {
		return nil, err
	}
	mail.Kind, mail.TokenID, mail.Secret, mail.To, mail.ExpiresAt, mail.Role = t.Kind, t.ID, secret, t.Email, t.ExpiresAt, t.Role
	if s.Mailer == nil {
		s.Logger.WarnContext(ctx, "no mailer: a one-time link was not sent", "kind", t.Kind, "token", t.ID)
		return t, nil
	}
	if err := s.Mailer.SendAccountMail(ctx, mail); err != nil {
		return nil, err
	}
	return t, nil
}

// consumeToken uses up the token of the kind with the secret. Unknown, used, expired or of another kind, it is
// the same invalid-input error on pointer, so that nothing is learnt about other tokens.
func (s *Service) consumeToken(ctx context.Context, secret string, kind models.TokenKind, pointer string) (*models.OneTimeToken, error) {
	if secret == "" {
		return nil, models.Invalid(models.FieldError{Pointer: pointer, Detail: "is required"})
	}
	t, err := s.Store.ConsumeToken(ctx, s.HashSecret(secret), kind, s.now())
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, invalidLink(pointer)
	}
	return t, err
}

// peekToken returns the usable token of the kind with the secret, without using it up.
func (s *Service) peekToken(ctx context.Context, secret string, kinds []models.TokenKind, pointer string) (*models.OneTimeToken, error) {
	if secret == "" {
		return nil, models.Invalid(models.FieldError{Pointer: pointer, Detail: "is required"})
	}
	t, err := s.Store.TokenByHash(ctx, s.HashSecret(secret))
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, invalidLink(pointer)
	}
	if err != nil {
		return nil, err
	}
	if !t.Usable(s.now()) {
		return nil, invalidLink(pointer)
	}
	for _, k := range kinds {
		if t.Kind == k {
			return t, nil
		}
	}
	return nil, invalidLink(pointer)
}

func invalidLink(pointer string) error {
	return &models.Error{Code: models.CodeInvalid, Message: "this link is not valid, was already used or has expired",
		Fields: []models.FieldError{{Pointer: pointer, Detail: "is not valid, was already used or has expired"}}}
}

// allowMail applies a rate limit to asking for emails.
func (s *Service) allowMail(key string) error {
	if s.MailLimiter == nil {
		return nil
	}
	if ok, retry := s.MailLimiter.Allow(key); !ok {
		return &models.Error{Code: models.CodeRateLimited, Message: "too many emails asked for; try again later", RetryAfter: retry}
	}
	return nil
}

// languageOf is the email language of an account: its preference, Vietnamese by default.
func (s *Service) languageOf(ctx context.Context, accountID string) string {
	if accountID == "" {
		return "vi"
	}
	pr, err := s.preferencesFor(ctx, accountID)
	if err != nil || pr.Language == "" {
		return "vi"
	}
	return pr.Language
}
