package main

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// setClock is a clock the test sets.
type setClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *setClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *setClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// TestDeadlineWorkerClosesChallenges runs the instance's deadline worker on an injected clock: nothing closes
// before the deadline day ends in Hanoi, the challenge closes soon after, and the index follows.
func TestDeadlineWorkerClosesChallenges(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := &setClock{now: time.Date(2027, 6, 30, 16, 0, 0, 0, time.UTC)} // 23:00 in Hanoi
	in, err := OpenInstance(ctx, testConfig(t.TempDir()), slog.New(slog.DiscardHandler), clock)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	now := clock.Now()
	c := &models.Challenge{ID: "ch-deadline", PostedBy: "ag-1", Title: "Cảnh báo ngập úng", Description: "Mạng cảm biến mực nước tại các điểm trũng.",
		Deadline: "2027-06-30", Status: models.ChallengeOpen, CreatedAt: now, UpdatedAt: now, PublishedAt: &now}
	if err := in.Store.CreateChallenge(ctx, c); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); in.closeExpired(ctx, 5*time.Millisecond) }()

	status := func() models.ChallengeStatus {
		got, err := in.Store.Challenge(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}
	time.Sleep(50 * time.Millisecond)
	if s := status(); s != models.ChallengeOpen {
		t.Fatalf("before the end of the deadline day: %s, want open", s)
	}
	clock.Set(time.Date(2027, 6, 30, 17, 0, 0, 0, time.UTC)) // midnight in Hanoi
	for deadline := time.Now().Add(5 * time.Second); status() != models.ChallengeClosed; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the worker did not close the challenge after its deadline")
		}
	}
	if _, err := in.Service.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if lag, err := in.Service.IndexLag(ctx); err != nil || lag != 0 {
		t.Errorf("the index lags %d behind the closing (%v)", lag, err)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the worker did not stop with its context")
	}
}
