package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// mailLease is the lease of the outbox tests.
const mailLease = 5 * time.Minute

func (s suite) outboxTests() []test {
	return []test{
		{"Enqueue", s.outboxEnqueue},
		{"ClaimDue", s.outboxClaimDue},
		{"Lease", s.outboxLease},
		{"Sent", s.outboxSent},
		{"Failed", s.outboxFailed},
		{"NotFound", s.outboxNotFound},
	}
}

// mail returns an outgoing email with every field set, due at once, then applies edits.
func mail(id, key string, edits ...func(*models.OutboxMail)) *models.OutboxMail {
	m := &models.OutboxMail{
		ID:          id,
		Key:         key,
		AccountID:   "ac-1",
		To:          "lan@example.vn",
		Subject:     "Bài toán mới phù hợp với bạn / A new challenge fits you",
		Text:        "Xin chào Lan,\nGiảm ùn tắc giờ cao điểm (87%).",
		HTML:        "<p>Xin chào Lan,</p><p><b>Giảm ùn tắc giờ cao điểm</b> (87%)</p>",
		MessageID:   "<" + key + "@innonet.hanoi.gov.vn>",
		Unsubscribe: "https://innonet.hanoi.gov.vn/unsubscribe?t=unsub-ac-1",
		CreatedAt:   at(0),
	}
	for _, e := range edits {
		e(m)
	}
	return m
}

// claimed returns m as a claim at now returns it: leased and with one more attempt.
func claimed(m *models.OutboxMail, now time.Time) *models.OutboxMail {
	c := *m
	c.Attempts++
	c.LeaseUntil = now.Add(mailLease)
	return &c
}

// claimMail claims up to limit mails at now and returns their keys.
func claimMail(t *testing.T, st models.Store, now time.Time, limit int) ([]*models.OutboxMail, []string) {
	t.Helper()
	got, err := st.ClaimMail(t.Context(), now, mailLease, limit)
	must(t, "ClaimMail", err)
	var keys []string
	for _, m := range got {
		keys = append(keys, m.Key)
	}
	return got, keys
}

// assertDepth checks the number of unsent mails.
func assertDepth(t *testing.T, st models.Store, want int) {
	t.Helper()
	n, err := st.OutboxDepth(t.Context())
	must(t, "OutboxDepth", err)
	if n != want {
		t.Errorf("OutboxDepth = %d, want %d", n, want)
	}
}

func (s suite) outboxEnqueue(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	assertDepth(t, st, 0)
	must(t, "EnqueueMail(none)", st.EnqueueMail(ctx, nil))
	first, noID := mail("ml-1", "k-1"), mail("", "k-2", func(m *models.OutboxMail) { m.CreatedAt = at(time.Second) })
	must(t, "EnqueueMail", st.EnqueueMail(ctx, []*models.OutboxMail{first, noID}))
	if noID.ID == "" || noID.ID == first.ID {
		t.Errorf("EnqueueMail gave the mail without an id the id %q", noID.ID)
	}
	assertDepth(t, st, 2)
	third := mail("ml-3", "k-3", func(m *models.OutboxMail) { m.Unsubscribe, m.HTML, m.CreatedAt = "", "", at(2*time.Second) })
	dups := []*models.OutboxMail{
		mail("ml-1b", "k-1", func(m *models.OutboxMail) { m.Subject = "duplicate" }),
		third,
		mail("ml-3b", "k-3", func(m *models.OutboxMail) { m.Subject = "duplicate in the batch" }),
		mail("ml-1", "k-4", func(m *models.OutboxMail) { m.Subject = "taken id" }),
	}
	must(t, "EnqueueMail with known keys", st.EnqueueMail(ctx, dups))
	assertDepth(t, st, 3)
	now := at(time.Hour)
	got, keys := claimMail(t, st, now, 10)
	if !slices.Equal(keys, []string{"k-1", "k-2", "k-3"}) {
		t.Fatalf("ClaimMail = %v, want k-1, k-2, k-3", keys)
	}
	for i, want := range []*models.OutboxMail{first, noID, third} {
		assertSame(t, "claimed mail "+want.Key, claimed(want, now), got[i])
	}
}

func (s suite) outboxClaimDue(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	now := at(time.Hour)
	mails := []*models.OutboxMail{
		mail("ml-later", "later", func(m *models.OutboxMail) { m.NextAttemptAt = now.Add(time.Minute) }),
		mail("ml-due", "due", func(m *models.OutboxMail) { m.NextAttemptAt, m.Attempts, m.LastError = now, 2, "451 try later" }),
		mail("ml-leased", "leased", func(m *models.OutboxMail) { m.LeaseUntil = now.Add(time.Second) }),
		mail("ml-old", "old", func(m *models.OutboxMail) { m.NextAttemptAt, m.LeaseUntil = at(0), now }),
		mail("ml-new", "new", func(m *models.OutboxMail) { m.NextAttemptAt, m.CreatedAt = at(0), at(time.Minute) }),
	}
	must(t, "EnqueueMail", st.EnqueueMail(ctx, mails))
	must(t, "EnqueueMail", st.EnqueueMail(ctx, []*models.OutboxMail{mail("ml-sent", "sent")}))
	must(t, "MarkMailSent", st.MarkMailSent(ctx, "ml-sent", at(time.Minute)))
	got, keys := claimMail(t, st, now, 1)
	if !slices.Equal(keys, []string{"old"}) {
		t.Fatalf("ClaimMail(limit 1) = %v, want the mail due first", keys)
	}
	assertSame(t, "claimed mail", claimed(mails[3], now), got[0])
	got, keys = claimMail(t, st, now, 10)
	if !slices.Equal(keys, []string{"new", "due"}) {
		t.Fatalf("ClaimMail = %v, want new, due (unsent, due, not leased; by next attempt then creation)", keys)
	}
	assertSame(t, "claimed mail", claimed(mails[1], now), got[1])
	_, keys = claimMail(t, st, now.Add(time.Minute), 10)
	if !slices.Equal(keys, []string{"leased", "later"}) {
		t.Errorf("ClaimMail a minute later = %v, want leased, later", keys)
	}
}

func (s suite) outboxLease(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m := mail("ml-1", "k-1")
	must(t, "EnqueueMail", st.EnqueueMail(ctx, []*models.OutboxMail{m}))
	now := at(time.Hour)
	cases := []struct {
		at       time.Time
		attempts int
	}{
		{now, 1},
		{now.Add(mailLease - time.Millisecond), 0},
		{now.Add(mailLease), 2},
		{now.Add(mailLease + time.Minute), 0},
		{now.Add(3 * mailLease), 3},
	}
	for _, c := range cases {
		got, _ := claimMail(t, st, c.at, 10)
		switch {
		case c.attempts == 0 && len(got) != 0:
			t.Errorf("ClaimMail at %v claimed %d mails, want none: the lease holds", c.at, len(got))
		case c.attempts > 0 && (len(got) != 1 || got[0].Attempts != c.attempts || !sameTime(got[0].LeaseUntil, c.at.Add(mailLease))):
			t.Errorf("ClaimMail at %v = %+v, want the mail at attempt %d, leased until %v", c.at, got, c.attempts, c.at.Add(mailLease))
		}
	}
}

func (s suite) outboxSent(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "EnqueueMail", st.EnqueueMail(ctx, []*models.OutboxMail{mail("ml-1", "k-1"), mail("ml-2", "k-2")}))
	now := at(time.Hour)
	claimMail(t, st, now, 10)
	must(t, "MarkMailSent", st.MarkMailSent(ctx, "ml-1", now.Add(time.Second)))
	assertDepth(t, st, 1)
	for _, later := range []time.Time{now.Add(mailLease), now.Add(30 * 24 * time.Hour)} {
		if _, keys := claimMail(t, st, later, 10); !slices.Equal(keys, []string{"k-2"}) {
			t.Errorf("ClaimMail at %v = %v, want only the unsent k-2", later, keys)
		}
	}
}

func (s suite) outboxFailed(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m := mail("ml-1", "k-1")
	must(t, "EnqueueMail", st.EnqueueMail(ctx, []*models.OutboxMail{m}))
	now := at(time.Hour)
	claimMail(t, st, now, 10)
	next := now.Add(10 * time.Minute)
	must(t, "MarkMailFailed", st.MarkMailFailed(ctx, "ml-1", "421 service not available", next))
	assertDepth(t, st, 1)
	if got, _ := claimMail(t, st, next.Add(-time.Millisecond), 10); len(got) != 0 {
		t.Errorf("ClaimMail before the next attempt claimed %d mails", len(got))
	}
	got, _ := claimMail(t, st, next, 10)
	want := claimed(m, next)
	want.Attempts, want.NextAttemptAt, want.LastError = 2, next, "421 service not available"
	if len(got) != 1 {
		t.Fatalf("ClaimMail at the next attempt claimed %d mails, want 1", len(got))
	}
	assertSame(t, "mail claimed again", want, got[0])

	must(t, "MarkMailFailed", st.MarkMailFailed(ctx, "ml-1", "timeout", next))
	if got, _ := claimMail(t, st, next.Add(time.Millisecond), 10); len(got) != 1 {
		t.Errorf("MarkMailFailed did not release the lease: ClaimMail claimed %d mails, want 1", len(got))
	}
}

func (s suite) outboxNotFound(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	assertCode(t, "MarkMailSent", st.MarkMailSent(ctx, "ml-nothing", at(0)), models.CodeNotFound)
	assertCode(t, "MarkMailFailed", st.MarkMailFailed(ctx, "ml-nothing", "x", at(0)), models.CodeNotFound)
}
