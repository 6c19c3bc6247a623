package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// markTimeout bounds the store write that records a delivery. It runs even when the worker's context has
// ended, so that a mail the server accepted is not left to be resent.
const markTimeout = 10 * time.Second

// OutboxWorker sends the outbox. Mails are claimed with a lease, so several instances may run workers; a mail
// is sent at least once: if the process dies between the server's acceptance and MarkMailSent, the lease
// expires and the mail is sent again with the same Message-ID. Failures are retried with Backoff; a permanent
// failure, or the last of MaxAttempts, parks the mail (NextAttemptAt a century ahead, LastError prefixed
// "gave up: ") rather than deleting it.
type OutboxWorker struct {
	Store  models.OutboxStore
	Sender Sender
	Clock  models.Clock
	Logger *slog.Logger
	// Lease is how long a claimed mail is reserved for this worker (default 1 min). It should exceed the
	// sender's timeout: a mail whose lease ran out before its turn in the batch is released unsent.
	Lease time.Duration
	// Batch is the most mails claimed at once (default 20).
	Batch int
	// MaxAttempts is the number of attempts before giving up (default 10).
	MaxAttempts int
	// Jitter, when set, adjusts each retry delay (to spread retries of many mails).
	Jitter func(time.Duration) time.Duration
	// Attempted, when set, hears the outcome of each attempt to send a mail (for metrics).
	Attempted func(sent bool)

	kickOnce sync.Once
	kick     chan struct{}
}

// Kick wakes Run so that a newly enqueued mail leaves at once. It never blocks.
func (w *OutboxWorker) Kick() {
	select {
	case w.kicks() <- struct{}{}:
	default:
	}
}

func (w *OutboxWorker) kicks() chan struct{} {
	w.kickOnce.Do(func() { w.kick = make(chan struct{}, 1) })
	return w.kick
}

// Run sends the outbox every interval, and at once when kicked, until ctx ends. A full batch is followed by
// the next without waiting.
func (w *OutboxWorker) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = 10 * time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for ctx.Err() == nil {
		claimed, _, err := w.runOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.logger().ErrorContext(ctx, "outbox", "err", err)
		}
		if err == nil && claimed == w.batch() {
			continue
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		case <-w.kicks():
		}
	}
}

// RunOnce claims one batch of due mails and sends them. Delivery failures are recorded on the mails; the
// error reports only failures of the store.
func (w *OutboxWorker) RunOnce(ctx context.Context) (sent int, err error) {
	_, sent, err = w.runOnce(ctx)
	return sent, err
}

func (w *OutboxWorker) runOnce(ctx context.Context) (claimed, sent int, err error) {
	lease := w.Lease
	if lease <= 0 {
		lease = time.Minute
	}
	mails, err := w.Store.ClaimMail(ctx, w.now(), lease, w.batch())
	if err != nil {
		return 0, 0, fmt.Errorf("claiming mail: %w", err)
	}
	var errs []error
	for _, m := range mails {
		ok, err := w.deliver(ctx, m)
		if ok {
			sent++
		}
		errs = append(errs, err)
	}
	return len(mails), sent, errors.Join(errs...)
}

// deliver sends one claimed mail and records the outcome. A mail whose lease ran out is left alone, sent or
// not: another worker may have claimed it since, and releasing or rescheduling it would let a third one send it
// while the second does.
func (w *OutboxWorker) deliver(ctx context.Context, m *models.OutboxMail) (bool, error) {
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	if !w.holds(m) {
		w.logger().WarnContext(ctx, "mail not attempted: its lease ran out before its turn", "key", m.Key)
		return false, nil
	}
	if ctx.Err() != nil {
		err := w.Store.MarkMailFailed(mctx, m.ID, "not attempted: the worker stopped", w.now())
		return false, wrapMark(m, err)
	}
	// A send that started finishes even when the worker is stopping, so that a mail the server accepted is
	// recorded as sent rather than sent again.
	sendErr := w.Sender.Send(context.WithoutCancel(ctx), m)
	if w.Attempted != nil {
		w.Attempted(sendErr == nil)
	}
	if sendErr == nil {
		if err := w.Store.MarkMailSent(mctx, m.ID, w.now()); err != nil {
			return true, wrapMark(m, err)
		}
		w.logger().InfoContext(ctx, "mail sent", "key", m.Key, "message_id", m.MessageID, "attempt", m.Attempts)
		return true, nil
	}
	if !w.holds(m) {
		w.logger().WarnContext(ctx, "mail failed after its lease ran out; left to the next claim", "key", m.Key,
			"attempt", m.Attempts, "err", sendErr)
		return false, nil
	}
	if ctx.Err() != nil {
		err := w.Store.MarkMailFailed(mctx, m.ID, "interrupted: "+sendErr.Error(), w.now())
		return false, wrapMark(m, err)
	}
	next, lastErr := w.retry(m, sendErr)
	log := w.logger().WarnContext
	if next.Sub(w.now()) >= parkFor {
		log = w.logger().ErrorContext
	}
	log(ctx, "mail failed", "key", m.Key, "attempt", m.Attempts, "next", next, "err", sendErr)
	return false, wrapMark(m, w.Store.MarkMailFailed(mctx, m.ID, lastErr, next))
}

// holds reports whether the worker's lease on m still runs (a mail claimed without a lease always is held).
func (w *OutboxWorker) holds(m *models.OutboxMail) bool {
	return m.LeaseUntil.IsZero() || w.now().Before(m.LeaseUntil)
}

// retry says when to try m again after err, and what to record.
func (w *OutboxWorker) retry(m *models.OutboxMail, err error) (time.Time, string) {
	now := w.now()
	limit := w.MaxAttempts
	if limit <= 0 {
		limit = 10
	}
	switch {
	case IsPermanent(err):
		return now.Add(parkFor), "gave up: " + err.Error()
	case m.Attempts >= limit:
		return now.Add(parkFor), fmt.Sprintf("gave up after %d attempts: %v", m.Attempts, err)
	}
	d := Backoff(m.Attempts)
	if w.Jitter != nil {
		d = w.Jitter(d)
	}
	return now.Add(d), err.Error()
}

func wrapMark(m *models.OutboxMail, err error) error {
	if err != nil {
		return fmt.Errorf("recording the outcome of mail %s: %w", m.Key, err)
	}
	return nil
}

func (w *OutboxWorker) batch() int {
	if w.Batch <= 0 {
		return 20
	}
	return w.Batch
}

func (w *OutboxWorker) now() time.Time {
	if w.Clock == nil {
		return time.Now().UTC()
	}
	return w.Clock.Now()
}

func (w *OutboxWorker) logger() *slog.Logger {
	if w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}
