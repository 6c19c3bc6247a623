package notify

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// DigestStore is what the DigestWorker needs from the store.
type DigestStore interface {
	models.PreferencesStore
	models.NotificationStore
	models.OutboxStore
	models.AccountStore
}

const (
	digestBatch    = 100 // preferences read at once
	digestMaxItems = 500 // notifications read per account and digest
)

// DigestWorker enqueues the daily and weekly digests. For each account whose last digest is a period old, it
// gathers the match notifications created since, at or above the account's MinScore, into one mail keyed
// "digest:<account>:<start of the period>", then moves LastDigestAt to now. A crash between the two writes is
// harmless: the rerun enqueues the same key, which the outbox ignores.
type DigestWorker struct {
	Store    DigestStore
	Renderer *Renderer
	Clock    models.Clock
	Logger   *slog.Logger
	// Domain is the domain of the Message-IDs.
	Domain string
	// AgencyName, when set, names the agency that posted a challenge; on error the name is left out.
	AgencyName func(ctx context.Context, challengeID string) (string, error)
	// Enqueued, when set, is called after a run that enqueued mail (OutboxWorker.Kick).
	Enqueued func()
}

// Run enqueues the due digests every interval until ctx ends.
func (w *DigestWorker) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = 5 * time.Minute
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.logger().ErrorContext(ctx, "digest", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce enqueues every digest due now and reports how many mails it enqueued (a rerun after a crash counts
// again the mail that the outbox already holds and ignores). An account that fails is logged and left for the
// next run; the error joins those failures.
func (w *DigestWorker) RunOnce(ctx context.Context) (mails int, err error) {
	now := w.now().Truncate(time.Millisecond)
	periods := []struct {
		freq  models.Frequency
		every time.Duration
	}{{models.FrequencyDaily, 24 * time.Hour}, {models.FrequencyWeekly, 7 * 24 * time.Hour}}
	var errs []error
	for _, p := range periods {
		n, err := w.runFrequency(ctx, p.freq, now.Add(-p.every), now)
		mails += n
		errs = append(errs, err)
	}
	if mails > 0 && w.Enqueued != nil {
		w.Enqueued()
	}
	return mails, errors.Join(errs...)
}

func (w *DigestWorker) runFrequency(ctx context.Context, freq models.Frequency, before, now time.Time) (int, error) {
	mails := 0
	var errs []error
	seen := map[string]bool{}
	for {
		due, err := w.Store.DigestDue(ctx, freq, before, digestBatch)
		if err != nil {
			return mails, errors.Join(append(errs, fmt.Errorf("finding %s digests: %w", freq, err))...)
		}
		fresh := 0
		for _, p := range due {
			if seen[p.AccountID] {
				continue
			}
			seen[p.AccountID] = true
			fresh++
			sent, err := w.digest(ctx, p, freq, now)
			if sent {
				mails++
			}
			if models.ErrorCode(err) == models.CodeConflict {
				// Another instance did this digest (or the account saved its preferences) since they were read:
				// the mail key is the same, so the outbox holds it once; the next run sees the newer preferences.
				w.logger().DebugContext(ctx, "digest: preferences changed meanwhile", "account", p.AccountID)
				continue
			}
			if err != nil {
				w.logger().WarnContext(ctx, "digest", "account", p.AccountID, "err", err)
				errs = append(errs, err)
			}
		}
		if len(due) < digestBatch || fresh == 0 || ctx.Err() != nil {
			return mails, errors.Join(errs...)
		}
	}
}

// digest enqueues the digest of one account, if it has news, and records that it was done.
func (w *DigestWorker) digest(ctx context.Context, p *models.Preferences, freq models.Frequency, now time.Time) (sent bool, err error) {
	defer models.Wrap(&err, "digest of %s", p.AccountID)
	ns, err := w.Store.NotificationsSince(ctx, p.AccountID, p.LastDigestAt, digestMaxItems)
	if err != nil {
		return false, err
	}
	if items := w.items(ctx, p, ns, now); len(items) > 0 {
		sent, err = w.enqueue(ctx, p, freq, items, now)
		if err != nil {
			return false, err
		}
	}
	p.LastDigestAt = now
	return sent, w.Store.SavePreferences(ctx, p)
}

func (w *DigestWorker) enqueue(ctx context.Context, p *models.Preferences, freq models.Frequency, items []Item, now time.Time) (bool, error) {
	a, err := w.Store.Account(ctx, p.AccountID)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if a.Email == "" {
		return false, nil
	}
	to := RecipientOf(a, p)
	msg, err := w.Renderer.Digest(p.Language, to, freq, items)
	if err != nil {
		return false, err
	}
	key := "digest:" + p.AccountID + ":" + p.LastDigestAt.UTC().Format("2006-01-02T15:04:05.000Z")
	return true, w.Store.EnqueueMail(ctx, []*models.OutboxMail{NewMail(key, w.Domain, to, msg, now)})
}

// items selects the match notifications of the period at or above MinScore, one per challenge (the best),
// best first.
func (w *DigestWorker) items(ctx context.Context, p *models.Preferences, ns []*models.Notification, now time.Time) []Item {
	best := map[string]*models.Notification{}
	for _, n := range ns {
		if n.Type != models.NotifyChallengeMatch && n.Type != models.NotifyProfileMatch {
			continue
		}
		if n.Score < p.MinScore || !n.CreatedAt.Before(now) || n.CreatedAt.Before(p.LastDigestAt) {
			continue
		}
		if b := best[n.ChallengeID]; b == nil || n.Score > b.Score {
			best[n.ChallengeID] = n
		}
	}
	picked := make([]*models.Notification, 0, len(best))
	for _, n := range best {
		picked = append(picked, n)
	}
	slices.SortFunc(picked, func(a, b *models.Notification) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ChallengeID, b.ChallengeID))
	})
	items := make([]Item, len(picked))
	for i, n := range picked {
		items[i] = w.Renderer.ItemOf(n, w.agency(ctx, n.ChallengeID))
	}
	return items
}

func (w *DigestWorker) agency(ctx context.Context, challengeID string) string {
	if w.AgencyName == nil {
		return ""
	}
	name, err := w.AgencyName(ctx, challengeID)
	if err != nil {
		w.logger().WarnContext(ctx, "digest: naming the agency", "challenge", challengeID, "err", err)
		return ""
	}
	return name
}

func (w *DigestWorker) now() time.Time {
	if w.Clock == nil {
		return time.Now().UTC()
	}
	return w.Clock.Now().UTC()
}

func (w *DigestWorker) logger() *slog.Logger {
	if w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}
