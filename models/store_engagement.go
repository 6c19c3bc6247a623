package models

import (
	"context"
	"time"
)

// InterestFilter selects interests: those of one challenge or of one member.
type InterestFilter struct {
	ChallengeID string
	MemberID    string
	Page        Page
}

// InterestStore persists interests and proposals.
type InterestStore interface {
	// CreateInterest stores a new interest at version 1. A second one for the same member and challenge is a
	// CodeConflict error.
	CreateInterest(ctx context.Context, i *Interest) error
	Interest(ctx context.Context, id string) (*Interest, error)
	// InterestFor returns the interest of a member in a challenge.
	InterestFor(ctx context.Context, challengeID, memberID string) (*Interest, error)
	// UpdateInterest writes i if the stored version is still i.Version, then increments i.Version.
	UpdateInterest(ctx context.Context, i *Interest) error
	// ListInterests returns a page of interests, newest first, and the total that match.
	ListInterests(ctx context.Context, f InterestFilter) ([]*Interest, int, error)
}

// NotificationStore persists the in-app inbox.
type NotificationStore interface {
	// AddNotifications stores the notifications whose Key is new (assigning ID when empty, and Seq), and
	// returns the ones it stored; the others are left out silently.
	AddNotifications(ctx context.Context, ns []*Notification) ([]*Notification, error)
	// ListNotifications returns a page of an account's notifications, newest first, and the total.
	ListNotifications(ctx context.Context, accountID string, page Page) ([]*Notification, int, error)
	// NotificationsAfter returns up to limit notifications of an account with Seq > after, oldest first.
	NotificationsAfter(ctx context.Context, accountID string, after int64, limit int) ([]*Notification, error)
	// NotificationsSince returns an account's notifications created at or after since, oldest first.
	NotificationsSince(ctx context.Context, accountID string, since time.Time, limit int) ([]*Notification, error)
	UnreadCount(ctx context.Context, accountID string) (int, error)
	// CountNotifications counts the notifications of a type, all accounts together.
	CountNotifications(ctx context.Context, t NotificationType) (int, error)
	// MarkRead marks the account's notifications with these ids read at now; no ids marks them all.
	MarkRead(ctx context.Context, accountID string, ids []string, now time.Time) error
}

// PreferencesStore persists notification preferences.
type PreferencesStore interface {
	// Preferences returns an account's saved preferences; CodeNotFound when it never saved any.
	Preferences(ctx context.Context, accountID string) (*Preferences, error)
	// SavePreferences creates (Version 0) or replaces (Version = stored version) an account's preferences, then
	// sets p.Version to the stored version. A stale version is a CodeConflict error.
	SavePreferences(ctx context.Context, p *Preferences) error
	PreferencesByToken(ctx context.Context, unsubscribeToken string) (*Preferences, error)
	// DigestDue returns up to limit preferences with the email frequency whose LastDigestAt is before before.
	DigestDue(ctx context.Context, f Frequency, before time.Time, limit int) ([]*Preferences, error)
}

// OutboxStore persists outgoing email. Workers claim mails with a lease, so that several instances never
// send the same mail at the same time.
type OutboxStore interface {
	// EnqueueMail stores the mails whose Key is new; others are left out silently.
	EnqueueMail(ctx context.Context, ms []*OutboxMail) error
	// ClaimMail leases up to limit unsent mails due at now (NextAttemptAt <= now, lease expired), setting
	// LeaseUntil = now+lease and incrementing Attempts, and returns them.
	ClaimMail(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*OutboxMail, error)
	MarkMailSent(ctx context.Context, id string, now time.Time) error
	// MarkMailFailed records an error, releases the lease and schedules the next attempt.
	MarkMailFailed(ctx context.Context, id, lastError string, next time.Time) error
	// OutboxDepth counts the unsent mails.
	OutboxDepth(ctx context.Context) (int, error)
}

// JobStore persists durable background jobs.
type JobStore interface {
	// UpdateChallengeWithJob is UpdateChallenge and the creation of j in one atomic write.
	UpdateChallengeWithJob(ctx context.Context, c *Challenge, j *Job) error
	// UpdateMemberWithJob is UpdateMember and the creation of j in one atomic write.
	UpdateMemberWithJob(ctx context.Context, m *Member, j *Job) error
	// CreateInterestWithJob is CreateInterest and the creation of j in one atomic write.
	CreateInterestWithJob(ctx context.Context, i *Interest, j *Job) error
	// UpdateInterestWithJob is UpdateInterest and the creation of j in one atomic write.
	UpdateInterestWithJob(ctx context.Context, i *Interest, j *Job) error
	// CreateQuestionWithJob is CreateQuestion and the creation of j in one atomic write.
	CreateQuestionWithJob(ctx context.Context, q *Question, j *Job) error
	// UpdateQuestionWithJob is UpdateQuestion and the creation of j in one atomic write.
	UpdateQuestionWithJob(ctx context.Context, q *Question, j *Job) error
	// ClaimJobs leases up to limit unfinished jobs whose lease expired, oldest first, incrementing Attempts.
	ClaimJobs(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*Job, error)
	CompleteJob(ctx context.Context, id string, now time.Time) error
	// FailJob records an error and releases the job so it is claimed again after retryAt.
	FailJob(ctx context.Context, id, lastError string, retryAt time.Time) error
}
