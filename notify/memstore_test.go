package notify

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// memStore is an in-memory DigestStore that follows the documented contracts of the store interfaces,
// for the tests of this package.
type memStore struct {
	mu       sync.Mutex
	accounts map[string]*models.Account
	prefs    map[string]*models.Preferences
	notes    []*models.Notification
	mails    []*models.OutboxMail
	seq      int64
}

var _ DigestStore = (*memStore)(nil)

func newMemStore() *memStore {
	return &memStore{accounts: map[string]*models.Account{}, prefs: map[string]*models.Preferences{}}
}

func clone[T any](v *T) *T { c := *v; return &c }

func (s *memStore) Register(ctx context.Context, a *models.Account, _ *models.Member) error {
	return s.CreateAccount(ctx, a)
}

func (s *memStore) CreateAccount(_ context.Context, a *models.Account) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.accounts[a.ID]; ok {
		return models.Errorf(models.CodeConflict, "account exists")
	}
	a.Version = 1
	s.accounts[a.ID] = clone(a)
	return nil
}

func (s *memStore) Account(_ context.Context, id string) (*models.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.accounts[id]
	if !ok {
		return nil, models.Errorf(models.CodeNotFound, "no account %s", id)
	}
	return clone(a), nil
}

func (s *memStore) AccountByEmail(_ context.Context, email string) (*models.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.accounts {
		if strings.EqualFold(a.Email, email) {
			return clone(a), nil
		}
	}
	return nil, models.Errorf(models.CodeNotFound, "no account %s", email)
}

func (s *memStore) UpdateAccount(_ context.Context, a *models.Account) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.accounts[a.ID]
	if !ok || old.Version != a.Version {
		return models.Errorf(models.CodeConflict, "stale account")
	}
	a.Version++
	s.accounts[a.ID] = clone(a)
	return nil
}

func (s *memStore) AddNotifications(_ context.Context, ns []*models.Notification) ([]*models.Notification, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var added []*models.Notification
	for _, n := range ns {
		if slices.ContainsFunc(s.notes, func(o *models.Notification) bool { return o.Key == n.Key }) {
			continue
		}
		if n.ID == "" {
			n.ID = models.NewID("nt")
		}
		s.seq++
		n.Seq = s.seq
		s.notes = append(s.notes, clone(n))
		added = append(added, n)
	}
	return added, nil
}

func (s *memStore) ListNotifications(_ context.Context, accountID string, page models.Page) ([]*models.Notification, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*models.Notification
	for _, n := range slices.Backward(s.notes) {
		if n.AccountID == accountID {
			out = append(out, clone(n))
		}
	}
	return out, len(out), nil
}

func (s *memStore) NotificationsAfter(_ context.Context, accountID string, after int64, limit int) ([]*models.Notification, error) {
	return s.filterNotes(limit, func(n *models.Notification) bool { return n.AccountID == accountID && n.Seq > after }), nil
}

func (s *memStore) NotificationsSince(_ context.Context, accountID string, since time.Time, limit int) ([]*models.Notification, error) {
	return s.filterNotes(limit, func(n *models.Notification) bool {
		return n.AccountID == accountID && !n.CreatedAt.Before(since)
	}), nil
}

func (s *memStore) filterNotes(limit int, keep func(*models.Notification) bool) []*models.Notification {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*models.Notification
	for _, n := range s.notes {
		if keep(n) && len(out) < limit {
			out = append(out, clone(n))
		}
	}
	return out
}

func (s *memStore) UnreadCount(_ context.Context, accountID string) (int, error) {
	return len(s.filterNotes(1<<30, func(n *models.Notification) bool { return n.AccountID == accountID && n.ReadAt == nil })), nil
}

func (s *memStore) CountNotifications(_ context.Context, t models.NotificationType) (int, error) {
	return len(s.filterNotes(1<<30, func(n *models.Notification) bool { return n.Type == t })), nil
}

func (s *memStore) MarkRead(_ context.Context, accountID string, ids []string, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.notes {
		if n.AccountID == accountID && n.ReadAt == nil && (len(ids) == 0 || slices.Contains(ids, n.ID)) {
			n.ReadAt = &now
		}
	}
	return nil
}

func (s *memStore) Preferences(_ context.Context, accountID string) (*models.Preferences, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.prefs[accountID]
	if !ok {
		return nil, models.Errorf(models.CodeNotFound, "no preferences")
	}
	return clone(p), nil
}

func (s *memStore) SavePreferences(_ context.Context, p *models.Preferences) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var stored int64
	if old, ok := s.prefs[p.AccountID]; ok {
		stored = old.Version
	}
	if p.Version != stored {
		return models.Errorf(models.CodeConflict, "stale preferences")
	}
	p.Version++
	s.prefs[p.AccountID] = clone(p)
	return nil
}

func (s *memStore) PreferencesByToken(_ context.Context, token string) (*models.Preferences, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.prefs {
		if p.UnsubscribeToken == token {
			return clone(p), nil
		}
	}
	return nil, models.Errorf(models.CodeNotFound, "no preferences")
}

func (s *memStore) DigestDue(_ context.Context, f models.Frequency, before time.Time, limit int) ([]*models.Preferences, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*models.Preferences
	for _, p := range s.prefs {
		if p.Email == f && p.LastDigestAt.Before(before) && len(out) < limit {
			out = append(out, clone(p))
		}
	}
	return out, nil
}

func (s *memStore) EnqueueMail(_ context.Context, ms []*models.OutboxMail) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range ms {
		if slices.ContainsFunc(s.mails, func(o *models.OutboxMail) bool { return o.Key == m.Key }) {
			continue
		}
		if m.ID == "" {
			m.ID = models.NewID("ml")
		}
		s.mails = append(s.mails, clone(m))
	}
	return nil
}

func (s *memStore) ClaimMail(_ context.Context, now time.Time, lease time.Duration, limit int) ([]*models.OutboxMail, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*models.OutboxMail
	for _, m := range s.mails {
		if len(out) == limit {
			break
		}
		if m.SentAt == nil && !m.NextAttemptAt.After(now) && !m.LeaseUntil.After(now) {
			m.LeaseUntil = now.Add(lease)
			m.Attempts++
			out = append(out, clone(m))
		}
	}
	return out, nil
}

func (s *memStore) mail(id string) *models.OutboxMail {
	for _, m := range s.mails {
		if m.ID == id || m.Key == id {
			return m
		}
	}
	return nil
}

func (s *memStore) MarkMailSent(_ context.Context, id string, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.mail(id)
	if m == nil {
		return models.Errorf(models.CodeNotFound, "no mail %s", id)
	}
	m.SentAt, m.LeaseUntil = &now, time.Time{}
	return nil
}

func (s *memStore) MarkMailFailed(_ context.Context, id, lastError string, next time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.mail(id)
	if m == nil {
		return models.Errorf(models.CodeNotFound, "no mail %s", id)
	}
	m.LastError, m.NextAttemptAt, m.LeaseUntil = lastError, next, time.Time{}
	return nil
}

func (s *memStore) OutboxDepth(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range s.mails {
		if m.SentAt == nil {
			n++
		}
	}
	return n, nil
}
