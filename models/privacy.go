package models

import (
	"context"
	"time"
)

// PrivacyPolicyVersion is the version of the privacy policy in force. The web app's policy page carries the
// same version (frontend/src/pages/privacy/policy.ts); bump both when the text changes, and every member is
// asked to accept the new one.
const PrivacyPolicyVersion = "2026-11-28"

// ConsentSource says where a consent was given.
type ConsentSource string

// The places where consent is given.
const (
	ConsentAtRegistration ConsentSource = "registration"
	ConsentLater          ConsentSource = "prompt"
)

// Consent records that an account accepted a version of the privacy policy (Decree 13/2023/ND-CP, art. 11).
type Consent struct {
	ID            string        `json:"id"`
	AccountID     string        `json:"account_id"`
	PolicyVersion string        `json:"policy_version"`
	GivenAt       time.Time     `json:"given_at"`
	Source        ConsentSource `json:"source"`
}

// ConsentStore persists consent records.
type ConsentStore interface {
	// AddConsent stores c, giving it an id when it has none.
	AddConsent(ctx context.Context, c *Consent) error
	// Consents returns an account's consent records, oldest first.
	Consents(ctx context.Context, accountID string) ([]*Consent, error)
}

// ErasureStore removes an account's personal data, for the right to deletion.
type ErasureStore interface {
	// EraseAccount deletes the account with the id and everything kept for it alone: its refresh tokens,
	// notifications, preferences, consent records and unsent mails (to the account or to email). A missing
	// account is CodeNotFound.
	EraseAccount(ctx context.Context, accountID, email string) error
	// DetachInterests keeps the interests of a member that is going away without its identity: those of
	// memberID move to anonID, and sentBy is cleared from every interest it sent. memberID may be empty when
	// the member stays (only the account goes).
	DetachInterests(ctx context.Context, memberID, anonID, sentBy string) error
	// ForgetMemberInNotifications rewrites the notifications of other accounts about a member that is going
	// away: their member id becomes anonID and their title, which may carry its name, becomes title.
	ForgetMemberInNotifications(ctx context.Context, memberID, anonID, title string) error
}
