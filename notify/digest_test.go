package notify

import (
	"context"
	"errors"
	"io"
	"mime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// digestFixture runs a DigestWorker and, to see what it enqueued, an OutboxWorker sending to a real SMTP
// server, both on one fake clock.
type digestFixture struct {
	*outboxFixture
	t0      time.Time
	digests *DigestWorker
	kicks   atomic.Int32
}

func newDigestFixture(t *testing.T, store DigestStore) *digestFixture {
	t.Helper()
	f := &digestFixture{outboxFixture: newOutboxFixture(t, store)}
	f.t0 = f.clock.Now()
	f.digests = &DigestWorker{Store: store, Renderer: newTestRenderer(t), Clock: f.clock, Domain: "innonet.test",
		Enqueued: func() { f.kicks.Add(1) }}
	return f
}

func (f *digestFixture) account(t *testing.T, id, lang string, freq models.Frequency, minScore int) {
	t.Helper()
	ctx := context.Background()
	a := &models.Account{ID: id, Email: id + "@example.com", Name: "Người dùng " + id, Role: models.RoleMember,
		CreatedAt: f.t0, PasswordChangedAt: f.t0}
	if err := f.store.CreateAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	p := &models.Preferences{AccountID: id, InApp: true, Email: freq, MinScore: minScore, Language: lang,
		UnsubscribeToken: "tok-" + id, LastDigestAt: f.t0}
	if err := f.store.SavePreferences(ctx, p); err != nil {
		t.Fatal(err)
	}
}

func (f *digestFixture) notify(t *testing.T, account, challenge, title string, typ models.NotificationType, score int, at time.Time) {
	t.Helper()
	n := &models.Notification{AccountID: account, Key: string(typ) + ":" + challenge + ":" + account, Type: typ,
		ChallengeID: challenge, Title: title, Score: score, CreatedAt: at,
		Reasons: []models.Reason{{Kind: "skill", VI: "Có kỹ năng phù hợp", EN: "Has the skills"}}}
	if _, err := f.store.AddNotifications(context.Background(), []*models.Notification{n}); err != nil {
		t.Fatal(err)
	}
}

// digest runs the DigestWorker once and checks how many mails it enqueued.
func (f *digestFixture) digest(t *testing.T, want int) {
	t.Helper()
	n, err := f.digests.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if n != want {
		t.Fatalf("digest RunOnce at +%v enqueued %d mails, want %d", f.clock.Now().Sub(f.t0), n, want)
	}
}

// delivered sends the outbox and returns the subject and text part of each new message, by recipient.
func (f *digestFixture) delivered(t *testing.T) map[string][2]string {
	t.Helper()
	before := len(f.srv.messages())
	if _, err := f.worker.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := map[string][2]string{}
	for _, r := range f.srv.messages()[before:] {
		msg := r.Message(t)
		var dec mime.WordDecoder
		subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
		text := parts(t, msg)["text/plain; charset=utf-8"]
		if _, dup := out[r.To[0]]; dup {
			t.Errorf("two mails to %s in one delivery", r.To[0])
		}
		out[r.To[0]] = [2]string{subject, text}
	}
	return out
}

func (f *digestFixture) lastDigest(t *testing.T, account string) time.Time {
	t.Helper()
	p, err := f.store.Preferences(context.Background(), account)
	if err != nil {
		t.Fatal(err)
	}
	return p.LastDigestAt
}

func TestDigestGathersMatchesIntoOneMail(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newDigestFixture(t, store)
		f.account(t, "daily", "vi", models.FrequencyDaily, 50)
		f.account(t, "quiet", "vi", models.FrequencyDaily, 50)
		f.account(t, "instant", "vi", models.FrequencyInstant, 50)
		h := time.Hour
		f.notify(t, "daily", "ch-0", "Trước bản tin trước", models.NotifyChallengeMatch, 95, f.t0.Add(-h))
		f.notify(t, "daily", "ch-2", "Giám sát không khí <AQI>", models.NotifyProfileMatch, 70, f.t0.Add(h))
		f.notify(t, "daily", "ch-1", "Số hóa hồ sơ hành chính", models.NotifyChallengeMatch, 90, f.t0.Add(2*h))
		f.notify(t, "daily", "ch-3", "Điểm thấp", models.NotifyChallengeMatch, 40, f.t0.Add(3*h))
		f.notify(t, "daily", "ch-1", "Số hóa hồ sơ hành chính", models.NotifyInterestStatus, 0, f.t0.Add(4*h))
		f.notify(t, "instant", "ch-1", "Số hóa hồ sơ hành chính", models.NotifyChallengeMatch, 90, f.t0.Add(h))

		f.clock.Advance(23 * h)
		f.digest(t, 0)
		f.clock.Advance(h + time.Minute)
		f.digest(t, 1)
		f.digest(t, 0)
		if got := f.kicks.Load(); got != 1 {
			t.Errorf("Enqueued called %d times, want 1", got)
		}
		now := f.clock.Now()
		for _, acc := range []string{"daily", "quiet"} {
			if got := f.lastDigest(t, acc); !got.Equal(now) {
				t.Errorf("LastDigestAt of %s = %v, want %v", acc, got, now)
			}
		}
		if got := f.lastDigest(t, "instant"); !got.Equal(f.t0) {
			t.Errorf("an instant account's LastDigestAt moved to %v", got)
		}

		mails := f.delivered(t)
		if len(mails) != 1 {
			t.Fatalf("delivered %d mails, want 1: %v", len(mails), mails)
		}
		m, ok := mails["daily@example.com"]
		if !ok {
			t.Fatalf("no digest for daily@example.com: %v", mails)
		}
		if m[0] != "Bản tin hằng ngày: 2 bài toán phù hợp với bạn" {
			t.Errorf("Subject = %q", m[0])
		}
		text := m[1]
		i1, i2 := strings.Index(text, "Số hóa hồ sơ hành chính"), strings.Index(text, "Giám sát không khí <AQI>")
		if i1 < 0 || i2 < 0 || i1 > i2 {
			t.Errorf("the digest does not list both matches, best first:\n%s", text)
		}
		for _, absent := range []string{"Điểm thấp", "Trước bản tin trước"} {
			if strings.Contains(text, absent) {
				t.Errorf("the digest lists %q:\n%s", absent, text)
			}
		}
		msg := f.srv.messages()[0].Message(t)
		if got, want := msg.Header.Get("Message-ID"), MessageID("digest:daily:2026-03-02T08:00:00.000Z", "innonet.test"); got != want {
			t.Errorf("Message-ID = %q, want %q (from the digest key)", got, want)
		}
		if got := msg.Header.Get("List-Unsubscribe"); !strings.Contains(got, "token=tok-daily") {
			t.Errorf("List-Unsubscribe = %q", got)
		}

		f.notify(t, "daily", "ch-7", "Bài toán sau bản tin", models.NotifyChallengeMatch, 60, now.Add(h))
		f.clock.Advance(12 * h)
		f.digest(t, 0)
		f.clock.Advance(12*h + time.Minute)
		f.digest(t, 1)
		mails = f.delivered(t)
		if m := mails["daily@example.com"]; m[0] != "Bản tin hằng ngày: 1 bài toán phù hợp với bạn" ||
			!strings.Contains(m[1], "Bài toán sau bản tin") || strings.Contains(m[1], "Số hóa") {
			t.Errorf("second digest = %q\n%s", m[0], m[1])
		}
	})
}

func TestDigestWeekly(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newDigestFixture(t, store)
		f.account(t, "weekly", "en", models.FrequencyWeekly, 0)
		f.notify(t, "weekly", "ch-5", "Smart lighting", models.NotifyChallengeMatch, 30, f.t0.Add(time.Hour))
		f.notify(t, "weekly", "ch-6", "Flood sensors", models.NotifyProfileMatch, 80, f.t0.Add(72*time.Hour))
		f.clock.Advance(25 * time.Hour)
		f.digest(t, 0)
		f.clock.Advance(6 * 24 * time.Hour)
		f.digest(t, 1)
		m := f.delivered(t)["weekly@example.com"]
		if m[0] != "Your weekly digest: 2 challenges fit you" || !strings.Contains(m[1], "Smart lighting") ||
			!strings.Contains(m[1], "Flood sensors") || !strings.Contains(m[1], "Has the skills") {
			t.Errorf("weekly digest = %q\n%s", m[0], m[1])
		}
	})
}

// failSave is a store whose SavePreferences fails a number of times, as if the process died after the
// digest was enqueued.
type failSave struct {
	DigestStore
	fails atomic.Int32
}

func (s *failSave) SavePreferences(ctx context.Context, p *models.Preferences) error {
	if s.fails.Add(-1) >= 0 {
		return errors.New("process died")
	}
	return s.DigestStore.SavePreferences(ctx, p)
}

func TestDigestRerunAfterCrashSendsOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		crashing := &failSave{DigestStore: store}
		f := newDigestFixture(t, crashing)
		f.account(t, "daily", "vi", models.FrequencyDaily, 0)
		f.notify(t, "daily", "ch-1", "Số hóa", models.NotifyChallengeMatch, 80, f.t0.Add(time.Hour))
		f.clock.Advance(25 * time.Hour)
		crashing.fails.Store(1)
		if _, err := f.digests.RunOnce(context.Background()); err == nil {
			t.Fatal("RunOnce hid the failure to save the preferences")
		}
		if got := f.lastDigest(t, "daily"); !got.Equal(f.t0) {
			t.Fatalf("LastDigestAt moved despite the failure: %v", got)
		}
		f.clock.Advance(time.Minute)
		if _, err := f.digests.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		f.digest(t, 0)
		if n := len(f.delivered(t)); n != 1 {
			t.Errorf("delivered %d digests, want 1", n)
		}
		if d := f.depth(t); d != 0 {
			t.Errorf("OutboxDepth = %d, want 0", d)
		}
	})
}

func TestDigestNamesAgencies(t *testing.T) {
	store := newMemStore()
	f := newDigestFixture(t, store)
	f.digests.AgencyName = func(_ context.Context, id string) (string, error) {
		if id == "ch-1" {
			return "Sở Khoa học và Công nghệ Hà Nội", nil
		}
		return "", errors.New("no such challenge")
	}
	f.account(t, "daily", "vi", models.FrequencyDaily, 0)
	f.notify(t, "daily", "ch-1", "Số hóa", models.NotifyChallengeMatch, 80, f.t0.Add(time.Hour))
	f.notify(t, "daily", "ch-2", "Đèn thông minh", models.NotifyChallengeMatch, 70, f.t0.Add(time.Hour))
	f.clock.Advance(25 * time.Hour)
	f.digest(t, 1)
	text := f.delivered(t)["daily@example.com"][1]
	if !strings.Contains(text, "Số hóa - Sở Khoa học và Công nghệ Hà Nội") || !strings.Contains(text, "Đèn thông minh\r\n") {
		t.Errorf("digest text:\n%s", text)
	}
}

func TestDigestRunStops(t *testing.T) {
	f := newDigestFixture(t, newMemStore())
	f.digests.Logger = slogTo(io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.digests.Run(ctx, time.Hour); close(done) }()
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}
