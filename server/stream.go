package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v5"

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
		ns, err := s.app.NotificationsAfter(ctx, p, last)
		if err != nil {
			s.logger.WarnContext(ctx, "reading notifications for a stream", "err", err)
			continue
		}
		for _, n := range ns {
			data, _ := json.Marshal(notificationOut(n))
			if _, err := fmt.Fprintf(w, "id: %d\nevent: notification\ndata: %s\n\n", n.Seq, data); err != nil {
				return nil
			}
			last = n.Seq
		}
		if len(ns) > 0 {
			_ = rc.Flush()
		}
	}
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
