package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// countingIndex counts the matchings of a member against the open challenges.
type countingIndex struct {
	Index
	challengesFor int
}

func (c *countingIndex) ChallengesFor(ctx context.Context, m *models.Member, limit int) ([]models.Candidate, error) {
	c.challengesFor++
	return c.Index.ChallengesFor(ctx, m, limit)
}

// TestBurstOfProfileEditsIsMatchedOnce: each material edit writes a job due once the edit settled; the jobs of
// the earlier edits of a burst leave the matching to the last one, which notifies the member of what fits.
func TestBurstOfProfileEditsIsMatchedOnce(t *testing.T) {
	ctx := context.Background()
	e := newDurableEnv(t)
	e.svc.cfg.MatchSettle = 30 * time.Second
	ix := &countingIndex{Index: e.svc.Index}
	e.svc.Index = ix
	edit := func(i int) {
		t.Helper()
		_, err := e.svc.UpdateMember(ctx, e.expert, "ex-1", Expected{Any: true}, func(m *models.Member) {
			m.Headline = fmt.Sprintf("Điều khiển đèn tín hiệu thích ứng, bản %d", i)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		edit(i)
		e.clock.advance(5 * time.Second)
		if n := e.runJobs(); n != 0 || ix.challengesFor != 0 {
			t.Fatalf("edit %d: %d jobs ran, %d matchings, before the edits settled", i, n, ix.challengesFor)
		}
	}
	e.clock.advance(30 * time.Second)
	e.runJobs()
	if ix.challengesFor != 1 {
		t.Fatalf("a burst of 3 edits was matched %d times, want once", ix.challengesFor)
	}
	if keys := e.keys("acc-ex"); len(keys) != 1 {
		t.Fatalf("the expert has notifications %v, want the one of ch-1", keys)
	}
	if n := e.runJobs(); n != 0 {
		t.Fatalf("%d jobs ran again", n)
	}

	edit(3)
	e.clock.advance(31 * time.Second)
	e.runJobs()
	if ix.challengesFor != 2 {
		t.Fatalf("an edit after the burst was matched %d times in all, want 2", ix.challengesFor)
	}
}
