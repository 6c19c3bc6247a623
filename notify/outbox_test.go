package notify

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// outboxFixture is an OutboxWorker sending through a real SMTP server, with a fake clock.
type outboxFixture struct {
	store  DigestStore
	srv    *smtpServer
	clock  *fakeClock
	worker *OutboxWorker
}

func newOutboxFixture(t *testing.T, store DigestStore) *outboxFixture {
	t.Helper()
	f := &outboxFixture{store: store, srv: startSMTPServer(t), clock: newFakeClock()}
	sender := newTestSender(t, f.srv, func(c *SMTPConfig) { c.Clock = f.clock })
	f.worker = &OutboxWorker{Store: store, Sender: sender, Clock: f.clock, Lease: time.Minute}
	return f
}

func (f *outboxFixture) enqueue(t *testing.T, keys ...string) {
	t.Helper()
	var ms []*models.OutboxMail
	for _, k := range keys {
		m := testMail(k)
		m.NextAttemptAt, m.CreatedAt = f.clock.Now(), f.clock.Now()
		ms = append(ms, m)
	}
	if err := f.store.EnqueueMail(context.Background(), ms); err != nil {
		t.Fatal(err)
	}
}

// run runs the worker once and checks how many mails it sent.
func (f *outboxFixture) run(t *testing.T, wantSent int) {
	t.Helper()
	sent, err := f.worker.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if sent != wantSent {
		t.Fatalf("RunOnce sent %d mails at %v, want %d", sent, f.clock.Now(), wantSent)
	}
}

func (f *outboxFixture) depth(t *testing.T) int {
	t.Helper()
	n, err := f.store.OutboxDepth(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// lastError returns the recorded error of a mail when the store lets the test see it.
func lastError(store DigestStore, key string) (string, bool) {
	if m, ok := store.(*memStore); ok {
		return m.mail(key).LastError, true
	}
	return "", false
}

func eachStore(t *testing.T, test func(t *testing.T, store DigestStore)) {
	for _, s := range testStores() {
		t.Run(s.name, func(t *testing.T) { test(t, s.open(t)) })
	}
}

func TestOutboxSendsOnceAndMarksSent(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newOutboxFixture(t, store)
		f.enqueue(t, "a", "b", "a")
		f.run(t, 2)
		f.run(t, 0)
		f.clock.Advance(24 * time.Hour)
		f.run(t, 0)
		if n := len(f.srv.messages()); n != 2 {
			t.Errorf("server got %d messages, want 2", n)
		}
		if d := f.depth(t); d != 0 {
			t.Errorf("OutboxDepth = %d, want 0", d)
		}
	})
}

func TestOutboxRetriesTemporaryFailuresWithBackoff(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newOutboxFixture(t, store)
		f.srv.refuseData(tempErr("mailbox busy"), tempErr("mailbox busy"))
		f.enqueue(t, "retry")
		f.run(t, 0)
		if e, ok := lastError(store, "retry"); ok && !strings.Contains(e, "451") {
			t.Errorf("LastError = %q, want the 451 reply", e)
		}
		f.clock.Advance(29 * time.Second)
		f.run(t, 0) // not due before 30 s
		f.clock.Advance(time.Second)
		f.run(t, 0) // second refusal: next in 1 min
		f.clock.Advance(59 * time.Second)
		f.run(t, 0)
		f.clock.Advance(time.Second)
		f.run(t, 1)
		msgs := f.srv.messages()
		if len(msgs) != 1 || msgs[0].Message(t).Header.Get("Message-ID") != MessageID("retry", "innonet.test") {
			t.Errorf("server got %d messages, want the one mail", len(msgs))
		}
		if d := f.depth(t); d != 0 {
			t.Errorf("OutboxDepth = %d, want 0", d)
		}
	})
}

func TestOutboxParksPermanentFailures(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newOutboxFixture(t, store)
		m := testMail("unknown-user")
		m.To, m.NextAttemptAt = "unknown@example.com", f.clock.Now()
		if err := store.EnqueueMail(context.Background(), []*models.OutboxMail{m}); err != nil {
			t.Fatal(err)
		}
		f.enqueue(t, "fine")
		f.run(t, 1)
		if e, ok := lastError(store, "unknown-user"); ok && !strings.HasPrefix(e, "gave up: ") {
			t.Errorf("LastError = %q, want it to say the outbox gave up", e)
		}
		f.clock.Advance(50 * 365 * 24 * time.Hour)
		f.run(t, 0)
		if d := f.depth(t); d != 1 {
			t.Errorf("OutboxDepth = %d, want the parked mail kept (1)", d)
		}
	})
}

func TestOutboxGivesUpAfterMaxAttempts(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newOutboxFixture(t, store)
		f.worker.MaxAttempts = 3
		f.srv.refuseData(tempErr("busy"), tempErr("busy"), tempErr("busy"), tempErr("busy"))
		f.enqueue(t, "flaky")
		for range 3 {
			f.run(t, 0)
			f.clock.Advance(BackoffMax)
		}
		if e, ok := lastError(store, "flaky"); ok && !strings.HasPrefix(e, "gave up after 3 attempts") {
			t.Errorf("LastError = %q", e)
		}
		f.clock.Advance(365 * 24 * time.Hour)
		f.run(t, 0)
		if len(f.srv.messages()) != 0 {
			t.Error("a mail was sent after the outbox gave up")
		}
	})
}

// crashAfterSend is a store whose MarkMailSent fails, as if the process died after the server accepted.
type crashAfterSend struct {
	DigestStore
	crashes atomic.Int32
}

func (s *crashAfterSend) MarkMailSent(ctx context.Context, id string, now time.Time) error {
	if s.crashes.Add(-1) >= 0 {
		return errors.New("process died")
	}
	return s.DigestStore.MarkMailSent(ctx, id, now)
}

func TestOutboxResendsAfterLeaseExpiryWithSameMessageID(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		crashing := &crashAfterSend{DigestStore: store}
		crashing.crashes.Store(1)
		f := newOutboxFixture(t, crashing)
		f.enqueue(t, "match:ch-9:st-9")
		if _, err := f.worker.RunOnce(context.Background()); err == nil {
			t.Fatal("RunOnce hid the failure to record the delivery")
		}
		f.run(t, 0) // still leased
		f.clock.Advance(59 * time.Second)
		f.run(t, 0)
		f.clock.Advance(time.Second)
		f.run(t, 1)
		f.clock.Advance(time.Hour)
		f.run(t, 0)
		msgs := f.srv.messages()
		if len(msgs) != 2 {
			t.Fatalf("server got %d messages, want 2 (at least once)", len(msgs))
		}
		first, second := msgs[0].Message(t).Header.Get("Message-ID"), msgs[1].Message(t).Header.Get("Message-ID")
		if first != second || first != MessageID("match:ch-9:st-9", "innonet.test") {
			t.Errorf("Message-IDs %q and %q, want both %q", first, second, MessageID("match:ch-9:st-9", "innonet.test"))
		}
	})
}

func TestOutboxWorkersShareTheOutbox(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newOutboxFixture(t, store)
		var keys []string
		for i := range 40 {
			keys = append(keys, "mail-"+string(rune('a'+i/26))+string(rune('a'+i%26)))
		}
		f.enqueue(t, keys...)
		var wg sync.WaitGroup
		for range 4 {
			w := &OutboxWorker{Store: store, Sender: f.worker.Sender, Clock: f.clock, Batch: 3}
			wg.Go(func() {
				for {
					if sent, err := w.RunOnce(context.Background()); err != nil || sent == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		seen := map[string]int{}
		for _, m := range f.srv.messages() {
			seen[m.Message(t).Header.Get("Message-ID")]++
		}
		for _, k := range keys {
			if n := seen[MessageID(k, "innonet.test")]; n != 1 {
				t.Errorf("mail %s sent %d times, want 1", k, n)
			}
		}
	})
}

func TestOutboxKickWakesRun(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		claims := &countClaims{DigestStore: store, claimed: make(chan struct{}, 10)}
		f := newOutboxFixture(t, claims)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan struct{})
		go func() { f.worker.Run(ctx, time.Hour); close(done) }()
		select {
		case <-claims.claimed: // the first pass found nothing
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not start")
		}
		f.enqueue(t, "instant")
		f.worker.Kick()
		f.srv.waitMessages(t, 1, time.Second)
		cancel()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatal("Run did not return after its context ended")
		}
	})
}

type countClaims struct {
	DigestStore
	claimed chan struct{}
}

func (s *countClaims) ClaimMail(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*models.OutboxMail, error) {
	ms, err := s.DigestStore.ClaimMail(ctx, now, lease, limit)
	select {
	case s.claimed <- struct{}{}:
	default:
	}
	return ms, err
}

func TestOutboxReleasesMailsWhenStopped(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newOutboxFixture(t, store)
		f.enqueue(t, "a", "b")
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if sent, _ := f.worker.RunOnce(ctx); sent != 0 {
			t.Fatalf("RunOnce with an ended context sent %d", sent)
		}
		f.run(t, 2) // released at once, not after the lease
	})
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for i, w := range want {
		if got := Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := Backoff(10); got != 256*time.Minute {
		t.Errorf("Backoff(10) = %v, want 4h16m", got)
	}
	for _, n := range []int{11, 12, 40, 1000} {
		if got := Backoff(n); got != BackoffMax {
			t.Errorf("Backoff(%d) = %v, want the cap %v", n, got, BackoffMax)
		}
	}
}

func TestOutboxAppliesJitter(t *testing.T) {
	store := newMemStore()
	f := newOutboxFixture(t, store)
	f.worker.Jitter = func(d time.Duration) time.Duration { return d + 7*time.Second }
	f.srv.refuseData(tempErr("busy"))
	f.enqueue(t, "j")
	f.run(t, 0)
	if got, want := store.mail("j").NextAttemptAt, f.clock.Now().Add(37*time.Second); !got.Equal(want) {
		t.Errorf("NextAttemptAt = %v, want %v", got, want)
	}
}
