package app

import (
	"context"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// maxDataItems bounds each list of a data download.
const maxDataItems = 10000

// AccountData is an account as its owner downloads it: everything but the password hash.
type AccountData struct {
	ID                string     `json:"id"`
	Email             string     `json:"email"`
	Name              string     `json:"name"`
	Role              string     `json:"role"`
	MemberID          string     `json:"member_id,omitempty"`
	CreatedAt         time.Time  `json:"created_at"`
	LastLoginAt       *time.Time `json:"last_login_at,omitempty"`
	PasswordChangedAt time.Time  `json:"password_changed_at"`
}

// PreferencesData are notification preferences without the unsubscribe secret.
type PreferencesData struct {
	InApp        bool      `json:"in_app"`
	Email        string    `json:"email"`
	MinScore     int       `json:"min_score"`
	Sectors      []string  `json:"sectors"`
	Language     string    `json:"language"`
	LastDigestAt time.Time `json:"last_digest_at"`
}

// MyData is everything innonet keeps about an account and its profile (Decree 13/2023/ND-CP, art. 14: the
// right to obtain one's personal data).
type MyData struct {
	GeneratedAt   time.Time              `json:"generated_at"`
	PolicyVersion string                 `json:"privacy_policy_version"`
	Account       AccountData            `json:"account"`
	Profile       *models.Member         `json:"profile"`
	Challenges    []*models.Challenge    `json:"challenges"`
	Interests     []*models.Interest     `json:"interests"`
	Notifications []*models.Notification `json:"notifications"`
	Preferences   *PreferencesData       `json:"preferences"`
	Consents      []*models.Consent      `json:"consents"`
	AuditEntries  []*models.AuditEntry   `json:"audit_entries"`
}

// MyData collects the data of p's account for download.
func (s *Service) MyData(ctx context.Context, p *models.Principal) (*MyData, error) {
	a, m, err := s.Me(ctx, p)
	if err != nil {
		return nil, err
	}
	d := &MyData{GeneratedAt: s.now(), PolicyVersion: models.PrivacyPolicyVersion, Profile: m,
		Account: AccountData{ID: a.ID, Email: a.Email, Name: a.Name, Role: string(a.Role), MemberID: a.MemberID,
			CreatedAt: a.CreatedAt, LastLoginAt: a.LastLoginAt, PasswordChangedAt: a.PasswordChangedAt},
		Challenges: []*models.Challenge{}, Interests: []*models.Interest{}, Notifications: []*models.Notification{}}
	if m != nil {
		if d.Challenges, err = pages(func(pg models.Page) ([]*models.Challenge, int, error) {
			return s.Store.ListChallenges(ctx, models.ChallengeFilter{PostedBy: m.ID, Page: pg})
		}); err != nil {
			return nil, err
		}
		if d.Interests, err = pages(func(pg models.Page) ([]*models.Interest, int, error) {
			return s.Store.ListInterests(ctx, models.InterestFilter{MemberID: m.ID, Page: pg})
		}); err != nil {
			return nil, err
		}
	}
	if d.Notifications, err = pages(func(pg models.Page) ([]*models.Notification, int, error) {
		return s.Store.ListNotifications(ctx, a.ID, pg)
	}); err != nil {
		return nil, err
	}
	pr, err := s.PreferencesOf(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	d.Preferences = &PreferencesData{InApp: pr.InApp, Email: string(pr.Email), MinScore: pr.MinScore, Sectors: pr.Sectors,
		Language: pr.Language, LastDigestAt: pr.LastDigestAt}
	if d.Consents, err = s.Store.Consents(ctx, a.ID); err != nil {
		return nil, err
	}
	if d.Consents == nil {
		d.Consents = []*models.Consent{}
	}
	d.AuditEntries = []*models.AuditEntry{}
	for _, target := range []string{a.ID, a.MemberID} {
		if target == "" {
			continue
		}
		es, err := pages(func(pg models.Page) ([]*models.AuditEntry, int, error) {
			return s.Store.ListAudit(ctx, models.AuditFilter{TargetID: target, Page: pg})
		})
		if err != nil {
			return nil, err
		}
		d.AuditEntries = append(d.AuditEntries, es...)
	}
	s.audit(ctx, p, models.AuditDataDownload, models.TargetAccount, a.ID, nil)
	return d, nil
}

// pages reads every page of a list, up to maxDataItems items.
func pages[T any](list func(models.Page) ([]T, int, error)) ([]T, error) {
	out := []T{}
	for n := 1; len(out) < maxDataItems; n++ {
		items, total, err := list(models.Page{Page: n, PerPage: models.MaxPerPage})
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if len(items) == 0 || len(out) >= total {
			break
		}
	}
	return out, nil
}
