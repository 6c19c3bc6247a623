package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strconv"

	"github.com/hanoi-innovation/innonet/models"
)

// notifyJob stores the notifications a durable job produced and delivers them; an error fails the job, which
// then runs again. A first run delivers the notifications it stored (a Key stored before was delivered by
// whoever stored it). A rerun delivers every notification the job produces, those an earlier run stored
// included, since that run may have been cut short between storing them and enqueueing their mails: the mails'
// keys come from the job and the notifications' Keys, so the outbox drops the ones it already holds.
func (s *Service) notifyJob(ctx context.Context, j *models.Job, ns []*models.Notification) error {
	ns = firstOfEachKey(ns)
	if len(ns) == 0 {
		return nil
	}
	stored, err := s.Store.AddNotifications(ctx, ns)
	if err != nil {
		return err
	}
	deliver := stored
	if j.Attempts > 1 {
		deliver = ns
	}
	if s.Deliver == nil || len(deliver) == 0 {
		return nil
	}
	return s.Deliver.Deliver(ctx, "job:"+j.ID, deliver)
}

// firstOfEachKey drops the notifications whose Key came earlier: the store keeps a Key once.
func firstOfEachKey(ns []*models.Notification) []*models.Notification {
	seen := make(map[string]bool, len(ns))
	out := ns[:0:0]
	for _, n := range ns {
		if !seen[n.Key] {
			seen[n.Key] = true
			out = append(out, n)
		}
	}
	return out
}

// ownerNotifications builds a notification for every account that owns the member. Keys are unique across
// accounts, so build must put the account in the key.
func (s *Service) ownerNotifications(ctx context.Context, memberID string, build func(accountID string) *models.Notification) ([]*models.Notification, error) {
	m, err := s.Store.Member(ctx, memberID)
	if err != nil {
		return nil, err
	}
	ns := make([]*models.Notification, 0, len(m.OwnerIDs))
	for _, a := range m.OwnerIDs {
		ns = append(ns, build(a))
	}
	return ns, nil
}

// Notifications returns a page of p's inbox with the total and unread counts.
func (s *Service) Notifications(ctx context.Context, p *models.Principal, page models.Page) ([]*models.Notification, int, int, error) {
	if !p.SignedIn() {
		return nil, 0, 0, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	ns, total, err := s.Store.ListNotifications(ctx, p.AccountID, page.Normalized())
	if err != nil {
		return nil, 0, 0, err
	}
	unread, err := s.Store.UnreadCount(ctx, p.AccountID)
	return ns, total, unread, err
}

// NotificationsAfter returns p's notifications after a sequence number, for the live stream.
func (s *Service) NotificationsAfter(ctx context.Context, p *models.Principal, after int64) ([]*models.Notification, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	return s.Store.NotificationsAfter(ctx, p.AccountID, after, 100)
}

// UnreadCount returns how many of p's notifications are unread.
func (s *Service) UnreadCount(ctx context.Context, p *models.Principal) (int, error) {
	if !p.SignedIn() {
		return 0, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	return s.Store.UnreadCount(ctx, p.AccountID)
}

// MarkRead marks p's notifications read (all of them when ids is empty) and returns the unread count.
func (s *Service) MarkRead(ctx context.Context, p *models.Principal, ids []string) (int, error) {
	if !p.SignedIn() {
		return 0, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	if err := s.Store.MarkRead(ctx, p.AccountID, ids, s.now()); err != nil {
		return 0, err
	}
	return s.Store.UnreadCount(ctx, p.AccountID)
}

// PreferencesOf returns an account's preferences, creating the defaults (with an unsubscribe token) on first use.
func (s *Service) PreferencesOf(ctx context.Context, accountID string) (*models.Preferences, error) {
	pr, err := s.Store.Preferences(ctx, accountID)
	if models.ErrorCode(err) != models.CodeNotFound {
		return pr, err
	}
	d := models.DefaultPreferences(accountID)
	d.UnsubscribeToken, d.LastDigestAt = newToken(), s.now()
	if err := s.Store.SavePreferences(ctx, &d); err != nil {
		if models.ErrorCode(err) == models.CodeConflict {
			return s.Store.Preferences(ctx, accountID)
		}
		return nil, err
	}
	return &d, nil
}

// preferencesFor reads an account's preferences without writing: the defaults when it never saved any.
func (s *Service) preferencesFor(ctx context.Context, accountID string) (*models.Preferences, error) {
	pr, err := s.Store.Preferences(ctx, accountID)
	if models.ErrorCode(err) == models.CodeNotFound {
		d := models.DefaultPreferences(accountID)
		return &d, nil
	}
	return pr, err
}

// Preferences returns p's notification preferences.
func (s *Service) Preferences(ctx context.Context, p *models.Principal) (*models.Preferences, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	return s.PreferencesOf(ctx, p.AccountID)
}

// UpdatePreferences applies p's choices.
func (s *Service) UpdatePreferences(ctx context.Context, p *models.Principal, apply func(*models.Preferences)) (*models.Preferences, error) {
	pr, err := s.Preferences(ctx, p)
	if err != nil {
		return nil, err
	}
	before := pr.Email
	apply(pr)
	if before == models.FrequencyInstant && (pr.Email == models.FrequencyDaily || pr.Email == models.FrequencyWeekly) {
		// What was mailed instantly is not mailed again in the first digest.
		pr.LastDigestAt = s.now()
	}
	pr.Sectors = models.NormalizeTags(pr.Sectors)
	for i, sec := range pr.Sectors {
		if !s.Taxonomy.Valid(sec) {
			return nil, models.Invalid(models.FieldError{Pointer: "/sectors/" + strconv.Itoa(i), Detail: "is not a sector of the taxonomy"})
		}
	}
	if err := s.Store.SavePreferences(ctx, pr); err != nil {
		return nil, err
	}
	return pr, nil
}

// Unsubscribe turns email off for the account whose unsubscribe token this is.
func (s *Service) Unsubscribe(ctx context.Context, token string) (*models.Preferences, error) {
	pr, err := s.Store.PreferencesByToken(ctx, token)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, models.Errorf(models.CodeNotFound, "this unsubscribe link is not valid")
	}
	if err != nil {
		return nil, err
	}
	pr.Email = models.FrequencyOff
	if err := s.Store.SavePreferences(ctx, pr); err != nil {
		return nil, err
	}
	return pr, nil
}

func newToken() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
