package app

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// lateStore hides the change of one member from the feed, as MongoDB does while the write that took the lower
// number has not committed yet.
type lateStore struct {
	models.Store
	mu     sync.Mutex
	hidden string
	reads  int // calls of Changes
}

func (s *lateStore) Changes(ctx context.Context, after int64, limit int) ([]models.Change, error) {
	s.mu.Lock()
	s.reads++
	s.mu.Unlock()
	return s.visible(ctx, after, limit)
}

// visible is Changes without the hidden member.
func (s *lateStore) visible(ctx context.Context, after int64, limit int) ([]models.Change, error) {
	all, err := s.Store.Changes(ctx, after, limit)
	s.mu.Lock()
	defer s.mu.Unlock()
	out := all[:0]
	for _, c := range all {
		if c.ID != s.hidden {
			out = append(out, c)
		}
	}
	return out, err
}

func (s *lateStore) show() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hidden = ""
}

// lateNumbered is lateStore offering ChangeSeqs too, as the MongoDB adapter does.
type lateNumbered struct{ *lateStore }

func (s lateNumbered) ChangeSeqs(ctx context.Context, after, upTo int64) ([]int64, error) {
	changes, err := s.visible(ctx, after, 1000)
	var out []int64
	for _, c := range changes {
		if c.Seq <= upTo {
			out = append(out, c.Seq)
		}
	}
	return out, err
}

type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *stepClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestCatchUpTakesLateChanges commits a member whose change number is below one the index already applied:
// with FeedSettle the next catch-up within the settle time indexes it, once; without, it is missed (SQLite never
// needs it, its changes become visible in order), and so it is once the settle time has passed.
func TestCatchUpTakesLateChanges(t *testing.T) {
	for _, tc := range []struct {
		name   string
		settle time.Duration
		wait   time.Duration
		want   uint64
	}{
		{"settle", 5 * time.Second, 2 * time.Second, 2},
		{"no settle", 0, 2 * time.Second, 1},
		{"too late", 5 * time.Second, 6 * time.Second, 1},
	} {
		for _, numbered := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/ChangeSeqs=%v", tc.name, numbered), func(t *testing.T) {
				testCatchUpLate(t, tc.settle, tc.wait, tc.want, numbered)
			})
		}
	}
}

func testCatchUpLate(t *testing.T, settle, wait time.Duration, want uint64, numbered bool) {
	ctx := context.Background()
	base, st, ix := importTestService(t)
	clock := &stepClock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	late := &lateStore{Store: st, hidden: importedMember(1).ID}
	var used models.Store = late
	if numbered {
		used = lateNumbered{late}
	}
	svc := New(Deps{Store: used, Taxonomy: base.Taxonomy, Index: ix, Clock: clock}, Config{FeedSettle: settle})
	for i := 1; i <= 2; i++ {
		m := importedMember(i)
		m.CreatedAt, m.UpdatedAt = clock.Now(), clock.Now()
		if err := st.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := svc.CatchUp(ctx, nil); err != nil || n != 1 {
		t.Fatalf("first catch-up applied %d (%v), want the visible change only", n, err)
	}
	clock.advance(wait / 2)
	if _, err := svc.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	late.show()
	clock.advance(wait / 2)
	for range 2 {
		if _, err := svc.CatchUp(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := ix.DocCount(); err != nil || got != want {
		t.Errorf("index holds %d documents (%v), want %d", got, err, want)
	}
	if numbered {
		late.mu.Lock()
		late.reads = 0
		late.mu.Unlock()
		if _, err := svc.CatchUp(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if late.reads != 1 {
			t.Errorf("a pass with nothing late read the changes %d times, want once (forward only)", late.reads)
		}
	}
}

// TestTailFrom walks a Tail through a feed: it re-reads from where it was Settle ago, forgets what is older,
// and reports each number fresh once.
func TestTailFrom(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	tail := &Tail{Settle: 5 * time.Second}
	if got := tail.From(t0, 10); got != 10 {
		t.Errorf("first From = %d, want 10 (nothing seen behind the start)", got)
	}
	if !tail.Fresh(12) || tail.Fresh(12) {
		t.Error("Fresh(12) twice: want true then false")
	}
	if got := tail.From(t0.Add(time.Second), 12); got != 10 {
		t.Errorf("From within the settle time = %d, want 10", got)
	}
	if got := tail.From(t0.Add(7*time.Second), 12); got != 12 {
		t.Errorf("From past the settle time = %d, want 12", got)
	}
	if !tail.Fresh(11) {
		t.Error("11 was never seen, want fresh")
	}
	off := &Tail{}
	if got := off.From(t0, 7); got != 7 || !off.Fresh(3) || !off.Fresh(3) {
		t.Error("the zero Tail re-reads or remembers")
	}
}
