package notify

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// slowFirstSend runs during before the first send, as if that send took long.
type slowFirstSend struct {
	Sender
	once   sync.Once
	during func()
}

func (s *slowFirstSend) Send(ctx context.Context, m *models.OutboxMail) error {
	s.once.Do(s.during)
	return s.Sender.Send(ctx, m)
}

// TestOutboxLeavesMailsWhoseLeaseRanOut: a worker's first send outlasts the lease of its batch, and another
// worker claims the batch meanwhile. The first records its send but leaves the rest alone: releasing them
// would let a third worker claim and send them while the second does.
func TestOutboxLeavesMailsWhoseLeaseRanOut(t *testing.T) {
	eachStore(t, func(t *testing.T, store DigestStore) {
		f := newOutboxFixture(t, store)
		f.enqueue(t, "first", "second")
		var second []*models.OutboxMail
		f.worker.Batch = 2
		f.worker.Sender = &slowFirstSend{Sender: f.worker.Sender, during: func() {
			f.clock.Advance(2 * time.Minute)
			var err error
			if second, err = store.ClaimMail(context.Background(), f.clock.Now(), time.Minute, 10); err != nil {
				t.Error(err)
			}
		}}
		f.run(t, 1)
		if len(second) != 2 {
			t.Fatalf("the second worker claimed %d mails once the lease ran out, want 2", len(second))
		}
		f.clock.Advance(30 * time.Second)
		third, err := store.ClaimMail(context.Background(), f.clock.Now(), time.Minute, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(third) != 0 {
			t.Errorf("a third worker claimed %d mails while the second held them, want none", len(third))
		}
		if got := len(f.srv.messages()); got != 1 {
			t.Errorf("%d messages sent, want 1", got)
		}
	})
}
