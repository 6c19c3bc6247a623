// Package app holds the use cases of innonet: who may do what, the lifecycle of profiles and challenges,
// sign-in and sessions. It depends on the interfaces it declares and on models, never on a database, the
// search engine or HTTP.
package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// PasswordHasher hashes and checks passwords.
type PasswordHasher interface {
	Hash(ctx context.Context, password string) (string, error)
	Verify(ctx context.Context, password, phc string) (ok, needsRehash bool, err error)
	// DummyVerify spends the time of a Verify, for sign-ins with an unknown email.
	DummyVerify(ctx context.Context, password string) error
}

// AccessTokens issues short-lived access tokens for accounts.
type AccessTokens interface {
	IssueAccess(a *models.Account) (token string, expiresAt time.Time, err error)
}

// RateLimiter allows a bounded number of attempts per key.
type RateLimiter interface {
	Allow(key string) (ok bool, retryAfter time.Duration)
}

// Deliverer takes notifications that were just stored to their other channels: open live streams, and
// email for those who chose instant email. A batch names the mails of a durable job's run ("" when none), so
// that the mails of a rerun have the keys of the first run's and the outbox drops the repeats.
type Deliverer interface {
	Deliver(ctx context.Context, batch string, ns []*models.Notification) error
}

// Config holds the tunables of the use cases.
type Config struct {
	// RefreshTTL is how long a refresh token lives (default 30 days).
	RefreshTTL time.Duration
	// PasswordPolicy checks a new password; nil accepts any non-empty password.
	PasswordPolicy func(string) error
	// AttachmentLimit is the largest challenge attachment in bytes (default DefaultAttachmentLimit).
	AttachmentLimit int64
	// Lifetimes of the one-time tokens; zero takes the defaults (48 h, 1 h, 14 days, 7 days).
	VerifyTTL, ResetTTL, ClaimTTL, InviteTTL time.Duration
	// FeedSettle is how late a change may become visible behind a higher-numbered one and still reach the
	// index: zero for stores that make their changes visible in order (SQLite), a few seconds for MongoDB.
	FeedSettle time.Duration
	// MatchSettle is how long the match notifications of a profile change wait for further changes: a burst
	// of edits is matched once, after its last edit. Zero matches each change at once.
	MatchSettle time.Duration
}

// Deps are the collaborators of the Service, built in main and passed in.
type Deps struct {
	Store        models.Store
	Clock        models.Clock
	Taxonomy     *models.Taxonomy
	Hasher       PasswordHasher
	Tokens       AccessTokens
	LoginByIP    RateLimiter
	LoginByEmail RateLimiter
	NewSecret    func() (secret, hash string)
	HashSecret   func(secret string) string
	Logger       *slog.Logger
	// Deliver may be nil: notifications then stay in the inbox only.
	Deliver Deliverer
	// Mailer sends account emails (verification, reset, invitations); nil logs that they were not sent.
	Mailer AccountMailer
	// MailLimiter limits how often emails are asked for, per address and per client address; nil: no limit.
	MailLimiter RateLimiter
	// Index may be nil: search and matching then answer that they are unavailable.
	Index Index
	// Blobs keeps the bytes of attachments; nil makes attachments unavailable.
	Blobs models.BlobStore
}

// Service carries out the use cases.
type Service struct {
	Deps
	cfg       Config
	jobsKick  chan struct{}
	indexKick chan struct{}
	feedTail  *Tail
}

// New returns a Service.
func New(deps Deps, cfg Config) *Service {
	if cfg.RefreshTTL == 0 {
		cfg.RefreshTTL = 30 * 24 * time.Hour
	}
	if cfg.AttachmentLimit <= 0 {
		cfg.AttachmentLimit = DefaultAttachmentLimit
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.Clock == nil {
		deps.Clock = models.SystemClock{}
	}
	return &Service{Deps: deps, cfg: cfg, jobsKick: make(chan struct{}, 1), indexKick: make(chan struct{}, 1),
		feedTail: &Tail{Settle: cfg.FeedSettle}}
}

func (s *Service) now() time.Time { return s.Clock.Now().UTC() }

// Now is the time of the use cases' clock, in UTC.
func (s *Service) Now() time.Time { return s.now() }
