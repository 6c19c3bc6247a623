package notify

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// TestDigestWorkersOfSeveralInstancesSendOnce races the digest workers of four instances over the same due
// accounts: each account gets one digest, no worker reports an error, and a rerun sends nothing more.
func TestDigestWorkersOfSeveralInstancesSendOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newDigestFixture(t, store)
		const accounts = 6
		for i := range accounts {
			id := fmt.Sprintf("ac-%d", i)
			f.account(t, id, "vi", models.FrequencyDaily, 0)
			f.notify(t, id, "ch-1", "Số hóa hồ sơ", models.NotifyChallengeMatch, 80, f.t0.Add(time.Hour))
		}
		f.clock.Advance(25 * time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		start := make(chan struct{})
		for i := range errs {
			w := &DigestWorker{Store: store, Renderer: f.digests.Renderer, Clock: f.clock, Domain: "innonet.test"}
			wg.Go(func() {
				<-start
				_, errs[i] = w.RunOnce(context.Background())
			})
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("worker %d: %v", i, err)
			}
		}
		f.clock.Advance(time.Minute)
		f.digest(t, 0)
		got := f.delivered(t)
		if len(got) != accounts {
			t.Errorf("%d digests delivered, want %d (one per account)", len(got), accounts)
		}
	})
}
