package models

import (
	"context"
	"time"
)

// MaxPerPage caps every page size of the API and of the store.
const MaxPerPage = 100

// Page asks for one page of a list, counted from 1.
type Page struct {
	Page    int
	PerPage int
}

// Offset returns the number of items before the page.
func (p Page) Offset() int { return (p.Page - 1) * p.PerPage }

// Normalized returns the page with defaults applied (page 1, 20 per page) and the size capped.
func (p Page) Normalized() Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage < 1 {
		p.PerPage = 20
	}
	if p.PerPage > MaxPerPage {
		p.PerPage = MaxPerPage
	}
	return p
}

// MemberFilter selects members in a list. Zero values do not filter.
type MemberFilter struct {
	Kind         Kind
	Sector       string
	Ward         string
	Stage        string
	Verification Verification
	Status       ProfileStatus
	Page         Page
}

// ChallengeFilter selects challenges in a list. Zero values do not filter.
type ChallengeFilter struct {
	Statuses []ChallengeStatus
	Sector   string
	Ward     string
	PostedBy string
	Page     Page
}

// EntityType names what a change is about.
type EntityType string

// The entity types that the change feed reports.
const (
	EntityMember    EntityType = "member"
	EntityChallenge EntityType = "challenge"
)

// Change is one entry of the store's change feed: the entity as it is now, or a tombstone when it was
// deleted. Seq is assigned by the store and increases with every write.
type Change struct {
	Seq       int64
	Type      EntityType
	ID        string
	Deleted   bool
	Member    *Member
	Challenge *Challenge
}

// AccountStore persists accounts. Emails are unique (lower-cased).
type AccountStore interface {
	// Register creates an account and its member profile together: both or neither. A taken email is a
	// CodeConflict error with the pointer /email.
	Register(ctx context.Context, a *Account, m *Member) error
	// CreateAccount creates an account without a profile (admins).
	CreateAccount(ctx context.Context, a *Account) error
	Account(ctx context.Context, id string) (*Account, error)
	AccountByEmail(ctx context.Context, email string) (*Account, error)
	// UpdateAccount writes a; a.Version must be the stored version, and is incremented.
	UpdateAccount(ctx context.Context, a *Account) error
}

// MemberStore persists member profiles.
type MemberStore interface {
	CreateMember(ctx context.Context, m *Member) error
	// Member returns a member, drafts included; a deleted member is not found.
	Member(ctx context.Context, id string) (*Member, error)
	// MembersByID returns the members with these ids that exist, drafts included, in no particular order.
	MembersByID(ctx context.Context, ids []string) ([]*Member, error)
	// UpdateMember writes m if the stored version is still m.Version, then increments m.Version. A stale
	// version is a CodeConflict error.
	UpdateMember(ctx context.Context, m *Member) error
	// DeleteMember removes a member if the stored version is version, leaving a tombstone in the change feed.
	DeleteMember(ctx context.Context, id string, version int64) error
	// ListMembers returns a page of members by recency (last update first) and the total that match.
	ListMembers(ctx context.Context, f MemberFilter) ([]*Member, int, error)
	// UpsertMembers writes members by id: new ones are created, existing ones replaced (version+1).
	UpsertMembers(ctx context.Context, ms []*Member) error
}

// ChallengeStore persists challenges.
type ChallengeStore interface {
	CreateChallenge(ctx context.Context, c *Challenge) error
	Challenge(ctx context.Context, id string) (*Challenge, error)
	// UpdateChallenge writes c if the stored version is still c.Version, then increments c.Version.
	UpdateChallenge(ctx context.Context, c *Challenge) error
	ListChallenges(ctx context.Context, f ChallengeFilter) ([]*Challenge, int, error)
	UpsertChallenges(ctx context.Context, cs []*Challenge) error
}

// SessionStore persists refresh tokens.
type SessionStore interface {
	CreateRefreshToken(ctx context.Context, t *RefreshToken) error
	RefreshTokenByHash(ctx context.Context, hash string) (*RefreshToken, error)
	// UseRefreshToken marks an unused, unrevoked token used at now. It reports false when the token was
	// already used or revoked: the caller then revokes the family.
	UseRefreshToken(ctx context.Context, id string, now time.Time) (bool, error)
	RevokeFamily(ctx context.Context, familyID string, now time.Time) error
	RevokeAccountTokens(ctx context.Context, accountID string, now time.Time) error
}

// ChangeFeed reports every write to members and challenges in store order, for the search index to follow.
type ChangeFeed interface {
	// Changes returns up to limit changes with Seq > after, in increasing Seq order.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
	// LastSeq returns the highest Seq assigned so far.
	LastSeq(ctx context.Context) (int64, error)
}

// Store is everything the use cases need from persistence. The SQLite and MongoDB adapters implement it.
type Store interface {
	AccountStore
	MemberStore
	ChallengeStore
	SessionStore
	ChangeFeed
	InterestStore
	NotificationStore
	PreferencesStore
	OutboxStore
	JobStore
	QuestionStore
	AttachmentStore
	TokenStore
	ClaimRequestStore
	AuditStore
	ConsentStore
	ErasureStore
	// Ping reports whether the store answers.
	Ping(ctx context.Context) error
	Close() error
}
