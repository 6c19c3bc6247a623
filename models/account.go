package models

import "time"

// Role is what an account may do beyond its own member profile.
type Role string

// The roles.
const (
	RoleMember Role = "member"
	RoleAdmin  Role = "admin"
)

// Account is a person who signs in. A member account owns one member profile; an admin account may own none.
type Account struct {
	ID           string `json:"id"`
	Email        string `json:"email"`
	Name         string `json:"name"`
	PasswordHash string `json:"-"`
	Role         Role   `json:"role"`
	MemberID     string `json:"member_id,omitempty"`
	// MemberRole is the account's staff role for its member; empty (before staff roles) reads as owner.
	MemberRole StaffRole `json:"member_role,omitempty"`
	// EmailVerifiedAt is when the account followed the link mailed to its email; nil until then.
	EmailVerifiedAt   *time.Time `json:"email_verified_at,omitempty"`
	CreatedAt         time.Time  `json:"created_at"`
	LastLoginAt       *time.Time `json:"last_login_at,omitempty"`
	PasswordChangedAt time.Time  `json:"password_changed_at"`
	FailedLogins      int        `json:"failed_logins"`
	Version           int64      `json:"version"`
}

// IsAdmin reports whether the account is an admin.
func (a *Account) IsAdmin() bool { return a.Role == RoleAdmin }

// RefreshToken is one opaque refresh token, stored by the hash of its secret. Tokens issued by rotation share a
// family; presenting a token that was already used revokes the whole family.
type RefreshToken struct {
	ID        string     `json:"id"`
	AccountID string     `json:"account_id"`
	FamilyID  string     `json:"family_id"`
	Hash      string     `json:"hash"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	UsedAt    *time.Time `json:"used_at,omitempty"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Usable reports whether the token can still be exchanged at now.
func (t *RefreshToken) Usable(now time.Time) bool {
	return t.UsedAt == nil && t.RevokedAt == nil && now.Before(t.ExpiresAt)
}
