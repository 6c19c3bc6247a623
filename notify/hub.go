package notify

import "sync"

// Hub wakes the live notification streams of an instance. A wake-up carries no data: the stream then reads
// the store (NotificationStore.NotificationsAfter), which stays the source of truth across instances. The
// zero Hub is ready to use and safe for concurrent use.
type Hub struct {
	mu     sync.Mutex
	subs   map[string]map[*subscription]struct{}
	closed bool
}

type subscription struct {
	ch   chan struct{}
	once sync.Once
}

// Subscribe returns a channel that receives a value when accountID may have new notifications, and a
// function that ends the subscription (safe to call more than once). Wake-ups coalesce: the channel holds at
// most one pending value. The channel is closed when the Hub closes; a Subscribe after Close returns a
// closed channel.
func (h *Hub) Subscribe(accountID string) (<-chan struct{}, func()) {
	s := &subscription{ch: make(chan struct{}, 1)}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(s.ch)
		return s.ch, func() {}
	}
	if h.subs == nil {
		h.subs = map[string]map[*subscription]struct{}{}
	}
	set := h.subs[accountID]
	if set == nil {
		set = map[*subscription]struct{}{}
		h.subs[accountID] = set
	}
	set[s] = struct{}{}
	return s.ch, func() { s.once.Do(func() { h.remove(accountID, s) }) }
}

func (h *Hub) remove(accountID string, s *subscription) {
	h.mu.Lock()
	defer h.mu.Unlock()
	set := h.subs[accountID]
	delete(set, s)
	if len(set) == 0 {
		delete(h.subs, accountID)
	}
}

// Publish wakes every subscriber of the accounts. It never blocks.
func (h *Hub) Publish(accountIDs ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, id := range accountIDs {
		for s := range h.subs[id] {
			select {
			case s.ch <- struct{}{}:
			default:
			}
		}
	}
}

// Close ends every subscription by closing its channel, so that streams end on shutdown. Later Subscribes get
// a closed channel.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	for _, set := range h.subs {
		for s := range set {
			close(s.ch)
		}
	}
	h.subs = nil
}

// Subscribers counts the open subscriptions, for metrics and tests.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, set := range h.subs {
		n += len(set)
	}
	return n
}
