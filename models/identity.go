package models

import (
	"context"
	"time"
)

// TokenKind says what a one-time token is for.
type TokenKind string

// The kinds of one-time tokens.
const (
	TokenVerifyEmail   TokenKind = "verify_email"   // proves that an account's owner reads its email
	TokenResetPassword TokenKind = "reset_password" // lets the owner of an email set a new password
	TokenClaimProfile  TokenKind = "claim_profile"  // lets the person at an email take an imported profile
	TokenStaffInvite   TokenKind = "staff_invite"   // lets the person at an email join an organisation's staff
)

// Valid reports whether k is a known kind.
func (k TokenKind) Valid() bool {
	switch k {
	case TokenVerifyEmail, TokenResetPassword, TokenClaimProfile, TokenStaffInvite:
		return true
	}
	return false
}

// OneTimeToken is a single-use, expiring token mailed to someone. Only the SHA-256 hash of its secret is
// stored: the secret travels in the link and nowhere else.
type OneTimeToken struct {
	ID        string     `json:"id"`
	Kind      TokenKind  `json:"kind"`
	Hash      string     `json:"hash"`
	AccountID string     `json:"account_id,omitempty"` // the account it acts on (verify, reset)
	MemberID  string     `json:"member_id,omitempty"`  // the profile it grants (claim, staff invite)
	Email     string     `json:"email"`                // where it was sent
	Role      StaffRole  `json:"role,omitempty"`       // the staff role it grants (staff invite)
	CreatedBy string     `json:"created_by,omitempty"` // the account that asked for it, if not its recipient
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	UsedAt    *time.Time `json:"used_at,omitempty"`
}

// Usable reports whether the token can still be consumed at now.
func (t *OneTimeToken) Usable(now time.Time) bool { return t.UsedAt == nil && now.Before(t.ExpiresAt) }

// StaffRole is what an account may do for the member (organisation) it belongs to.
type StaffRole string

// The staff roles. Owners manage the staff; every staff member acts for the organisation.
const (
	StaffOwner  StaffRole = "owner"
	StaffMember StaffRole = "member"
)

// Valid reports whether r is a known staff role.
func (r StaffRole) Valid() bool { return r == StaffOwner || r == StaffMember }

// StaffRoleOf returns the staff role of an account for its member: accounts from before staff roles, which
// registered their profile, are owners.
func (a *Account) StaffRoleOf() StaffRole {
	if a.MemberID == "" {
		return ""
	}
	if a.MemberRole == "" {
		return StaffOwner
	}
	return a.MemberRole
}

// EmailVerified reports whether the account proved that it reads its email.
func (a *Account) EmailVerified() bool { return a.EmailVerifiedAt != nil }

// ClaimStatus is where a request to claim a profile stands.
type ClaimStatus string

// The claim request statuses.
const (
	ClaimPending  ClaimStatus = "pending"
	ClaimApproved ClaimStatus = "approved"
	ClaimRejected ClaimStatus = "rejected"
)

// ClaimRequest is a signed-in account asking an admin for an imported profile that nobody owns yet.
type ClaimRequest struct {
	ID        string      `json:"id"`
	MemberID  string      `json:"member_id"`
	AccountID string      `json:"account_id"`
	Message   string      `json:"message"`
	Status    ClaimStatus `json:"status"`
	CreatedAt time.Time   `json:"created_at"`
	DecidedAt *time.Time  `json:"decided_at,omitempty"`
	DecidedBy string      `json:"decided_by,omitempty"`
}

// TokenStore persists one-time tokens.
type TokenStore interface {
	// CreateToken stores a token; a taken id or hash is a CodeConflict error.
	CreateToken(ctx context.Context, t *OneTimeToken) error
	// TokenByHash returns the token with the hash, used or expired alike.
	TokenByHash(ctx context.Context, hash string) (*OneTimeToken, error)
	// ConsumeToken marks used at now the token of the kind with the hash, if it is unused and unexpired at now,
	// and returns it. Otherwise (unknown, other kind, used, expired) it is a CodeNotFound error. Of several
	// concurrent calls for one token, exactly one succeeds.
	ConsumeToken(ctx context.Context, hash string, kind TokenKind, now time.Time) (*OneTimeToken, error)
}

// ClaimRequestStore persists claim requests.
type ClaimRequestStore interface {
	// CreateClaimRequest stores a new request; a taken id is a CodeConflict error.
	CreateClaimRequest(ctx context.Context, r *ClaimRequest) error
	ClaimRequest(ctx context.Context, id string) (*ClaimRequest, error)
	// ListClaimRequests returns a page of requests with the status (all when empty), newest first (CreatedAt
	// descending, then id), and the total that match.
	ListClaimRequests(ctx context.Context, status ClaimStatus, page Page) ([]*ClaimRequest, int, error)
	// DecideClaimRequest sets the status of a pending request, by whom and when, and returns it. A request
	// that is no longer pending is a CodeConflict error; of concurrent decisions exactly one wins.
	DecideClaimRequest(ctx context.Context, id string, status ClaimStatus, by string, now time.Time) (*ClaimRequest, error)
}
