package notify

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// DeliveryStore is what Delivery reads: preferences, accounts, and the challenges and members that
// notifications name, and the outbox it writes.
type DeliveryStore interface {
	models.PreferencesStore
	models.AccountStore
	models.OutboxStore
	Member(ctx context.Context, id string) (*models.Member, error)
	Challenge(ctx context.Context, id string) (*models.Challenge, error)
}

// Delivery takes notifications that were just stored to open live streams, and to email for the accounts
// that chose instant email: a mail per interest or question notification, keyed by the notification's Key, and
// one mail of matches per account and batch, keyed by the batch and the account (by its first notification when
// there is no batch). The keys are deterministic, so delivering the same notifications again enqueues nothing
// new: the outbox drops a Key it holds.
type Delivery struct {
	Store    DeliveryStore
	Hub      *Hub
	Renderer *Renderer
	Clock    models.Clock
	Logger   *slog.Logger
	// Domain is the domain of the Message-IDs.
	Domain string
	// Enqueued, when set, is called after mail was enqueued (OutboxWorker.Kick).
	Enqueued func()
}

// Deliver publishes the notifications to live streams and enqueues the instant emails. batch names a durable
// job's run ("" for none). It enqueues the mails it could compose and reports the others' errors, except for
// accounts or preferences that are gone.
func (d *Delivery) Deliver(ctx context.Context, batch string, ns []*models.Notification) error {
	byAccount := map[string][]*models.Notification{}
	var order []string
	for _, n := range ns {
		if byAccount[n.AccountID] == nil {
			order = append(order, n.AccountID)
		}
		byAccount[n.AccountID] = append(byAccount[n.AccountID], n)
	}
	d.Hub.Publish(order...)
	agencies := agencyCache{}
	var mails []*models.OutboxMail
	var errs []error
	for _, account := range order {
		ms, err := d.mails(ctx, batch, account, byAccount[account], agencies)
		if err != nil {
			d.logger().WarnContext(ctx, "composing notification email", "account", account, "err", err)
			if models.ErrorCode(err) != models.CodeNotFound {
				errs = append(errs, err)
			}
			continue
		}
		mails = append(mails, ms...)
	}
	if len(mails) > 0 {
		if err := d.Store.EnqueueMail(ctx, mails); err != nil {
			return errors.Join(append(errs, err)...)
		}
		if d.Enqueued != nil {
			d.Enqueued()
		}
	}
	return errors.Join(errs...)
}

// mails renders the instant emails of one account's notifications, if it wants them.
func (d *Delivery) mails(ctx context.Context, batch, account string, ns []*models.Notification, agencies agencyCache) ([]*models.OutboxMail, error) {
	prefs, err := d.Store.Preferences(ctx, account)
	if models.ErrorCode(err) == models.CodeNotFound {
		def := models.DefaultPreferences(account)
		prefs, err = &def, nil
	}
	if err != nil || prefs.Email != models.FrequencyInstant {
		return nil, err
	}
	a, err := d.Store.Account(ctx, account)
	if err != nil {
		return nil, err
	}
	to, lang, now := RecipientOf(a, prefs), prefs.Language, d.now()
	var out []*models.OutboxMail
	var items []Item
	for _, n := range ns {
		switch n.Type {
		case models.NotifyChallengeMatch, models.NotifyProfileMatch:
			if n.Score >= prefs.MinScore {
				items = append(items, d.Renderer.ItemOf(n, agencies.name(ctx, d, n.ChallengeID)))
			}
		case models.NotifyInterest, models.NotifyInterestStatus:
			msg, err := d.Renderer.InterestStatus(lang, to, d.interestUpdate(ctx, n, agencies))
			if err != nil {
				return nil, err
			}
			out = append(out, NewMail(n.Key, d.Domain, to, msg, now))
		case models.NotifyQuestion, models.NotifyAnswer:
			msg, err := d.Renderer.QuestionStatus(lang, to, QuestionNews{Answered: n.Type == models.NotifyAnswer,
				ChallengeTitle: n.Title, AgencyName: agencies.name(ctx, d, n.ChallengeID), URL: d.Renderer.ChallengeURL(n.ChallengeID)})
			if err != nil {
				return nil, err
			}
			out = append(out, NewMail(n.Key, d.Domain, to, msg, now))
		}
	}
	if len(items) > 0 {
		msg, err := d.Renderer.Match(lang, to, items)
		if err != nil {
			return nil, err
		}
		key := ns[0].Key
		if batch != "" {
			key = batch + ":" + account
		}
		out = append(out, NewMail(key, d.Domain, to, msg, now))
	}
	return out, nil
}

func (d *Delivery) interestUpdate(ctx context.Context, n *models.Notification, agencies agencyCache) InterestUpdate {
	u := InterestUpdate{Kind: models.InterestOnly, Status: models.InterestSubmitted, URL: d.Renderer.ChallengeURL(n.ChallengeID),
		AgencyName: agencies.name(ctx, d, n.ChallengeID)}
	if c, err := d.Store.Challenge(ctx, n.ChallengeID); err == nil {
		u.ChallengeTitle = c.Title
	}
	if m, err := d.Store.Member(ctx, n.MemberID); err == nil {
		u.MemberName = m.Name
	}
	if n.Type == models.NotifyInterestStatus {
		u.Status = interestStatusOf(n.Key)
	}
	return u
}

// interestStatusOf reads the status from a key "interest_status:<interest>:<account>:<status>".
func interestStatusOf(key string) models.InterestStatus {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == ':' {
			return models.InterestStatus(key[i+1:])
		}
	}
	return models.InterestSubmitted
}

// agencyCache remembers the agency names of challenges during one delivery.
type agencyCache map[string]string

// name returns the name of the agency that posted a challenge, or "" when it cannot be read.
func (c agencyCache) name(ctx context.Context, d *Delivery, challengeID string) string {
	if name, ok := c[challengeID]; ok {
		return name
	}
	name := ""
	if ch, err := d.Store.Challenge(ctx, challengeID); err == nil {
		if m, err := d.Store.Member(ctx, ch.PostedBy); err == nil {
			name = m.Name
		}
	}
	c[challengeID] = name
	return name
}

func (d *Delivery) now() time.Time {
	if d.Clock == nil {
		return time.Now().UTC()
	}
	return d.Clock.Now()
}

func (d *Delivery) logger() *slog.Logger {
	if d.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Logger
}
