package server_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// lateNotes hides a notification from NotificationsAfter until shown, as MongoDB does while the insert that
// took the lower Seq has not committed yet.
type lateNotes struct {
	models.Store
	mu     sync.Mutex
	hidden string
}

func (s *lateNotes) NotificationsAfter(ctx context.Context, accountID string, after int64, limit int) ([]*models.Notification, error) {
	ns, err := s.Store.NotificationsAfter(ctx, accountID, after, limit)
	s.mu.Lock()
	defer s.mu.Unlock()
	out := ns[:0]
	for _, n := range ns {
		if n.Key != s.hidden {
			out = append(out, n)
		}
	}
	return out, err
}

func (s *lateNotes) show() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hidden = ""
}

// TestStreamSendsLateNotification commits a notification whose Seq is below one the stream already sent: the
// stream still sends it, once, and keeps the newest id so that a client resuming does not get repeats.
func TestStreamSendsLateNotification(t *testing.T) {
	late := &lateNotes{hidden: "late"}
	e := newEnvWith(t, func(st models.Store) models.Store { late.Store = st; return late })
	u := e.register("lan@example.test", models.KindStartup, "Công ty Đến Muộn")
	events := stream(t, e, u.token, "0")
	add := func(key, title string) {
		n := &models.Notification{AccountID: u.accountID, Key: key, Type: models.NotifyChallengeMatch, Title: title,
			ChallengeID: "ch-1", Score: 80, CreatedAt: e.clock.Now()}
		if _, err := e.store.AddNotifications(context.Background(), []*models.Notification{n}); err != nil {
			t.Fatal(err)
		}
	}
	add("late", "numbered first, committed last")
	add("early", "numbered second")
	if ev := waitEvent(t, events, 4*time.Second); ev["title"] != "numbered second" {
		t.Fatalf("first event %v, want the visible notification", ev)
	}
	late.show()
	if ev := waitEvent(t, events, 4*time.Second); ev["title"] != "numbered first, committed last" {
		t.Fatalf("second event %v, want the late notification", ev)
	}
	select {
	case ev := <-events:
		t.Errorf("an event repeated: %v", ev)
	case <-time.After(2500 * time.Millisecond):
	}
}
