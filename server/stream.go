package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

// Subscriber wakes live streams when an account has new notifications. The channel closes when the server
// shuts down.
type Subscriber interface {
	Subscribe(accountID string) (<-chan struct{}, func())
}

const (
	streamPath      = "/api/v1/notifications/stream"
	streamPoll      = 2 * time.Second
	streamHeartbeat = 15 * time.Second
	// streamSettle is how late a notification may become visible behind a higher-numbered one and still be
	// sent: MongoDB numbers notifications before inserting them, so concurrent inserts can land out of order.
	streamSettle = 5 * time.Second
	// streamPages bounds the pages of notifications one wake-up reads.
	streamPages = 10
)

// streamNotifications sends an account's notifications as server-sent events. The store is the source: a
// wake-up (or, for writes made by another instance, a short poll) reads what came after the last event sent.
func (s *Server) streamNotifications(c *echo.Context) error {
	ctx := c.Request().Context()
	p := principalFrom(ctx)
	if !p.SignedIn() {
		return models.Errorf(models.CodeUnauthorized, "sign in to follow notifications")
	}
	last, err := s.lastEventID(c, p)
	if err != nil {
		return err
	}
	wake, unsubscribe := s.live.Subscribe(p.AccountID)
	defer unsubscribe()

	w := c.Response()
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 3000\n: connected\n\n"); err != nil {
		return nil
	}
	_ = rc.Flush()

	tail := &app.Tail{Settle: streamSettle}
	tail.From(time.Now(), last)
	poll := time.NewTicker(streamPoll)
	defer poll.Stop()
	beat := time.NewTicker(streamHeartbeat)
	defer beat.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case _, open := <-wake:
			if !open {
				return nil
			}
		case <-poll.C:
		case <-beat.C:
			if _, err := fmt.Fprint(w, ": heartbeat\n\n"); err != nil {
				return nil
			}
			_ = rc.Flush()
			continue
		}
		ns, err := s.unsent(ctx, p, tail, last)
		if err != nil {
			s.logger.WarnContext(ctx, "reading notifications for a stream", "err", err)
		}
		for _, n := range ns {
			// A late notification keeps the id of the newest event sent, so that a client resuming from it
			// does not get the newer ones again.
			last = max(last, n.Seq)
			data, _ := json.Marshal(notificationOut(n))
			if _, err := fmt.Fprintf(w, "id: %d\nevent: notification\ndata: %s\n\n", last, data); err != nil {
				return nil
			}
		}
		if len(ns) > 0 {
			_ = rc.Flush()
		}
	}
}

// unsent returns the notifications of p numbered after last, and those at or below it that became visible
// since the stream passed their number (see app.Tail), each once, in the order read.
func (s *Server) unsent(ctx context.Context, p *models.Principal, tail *app.Tail, last int64) ([]*models.Notification, error) {
	from := tail.From(time.Now(), last)
	var out []*models.Notification
	for range streamPages {
		ns, err := s.app.NotificationsAfter(ctx, p, from)
		if err != nil || len(ns) == 0 {
			return out, err
		}
		for _, n := range ns {
			if tail.Fresh(n.Seq) {
				out = append(out, n)
			}
		}
		from = ns[len(ns)-1].Seq
	}
	return out, nil
}

// lastEventID is where a stream resumes: the Last-Event-ID a reconnecting client sends, else the newest
// notification, so that a new stream shows only what comes next.
func (s *Server) lastEventID(c *echo.Context, p *models.Principal) (int64, error) {
	v := c.Request().Header.Get("Last-Event-ID")
	if v == "" {
		v = c.QueryParam("last_event_id")
	}
	if v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return 0, models.Invalid(models.FieldError{Pointer: "Last-Event-ID", Detail: "must be the id of an event"})
		}
		return n, nil
	}
	ns, _, _, err := s.app.Notifications(c.Request().Context(), p, models.Page{Page: 1, PerPage: 1})
	if err != nil || len(ns) == 0 {
		return 0, err
	}
	return ns[0].Seq, nil
}
