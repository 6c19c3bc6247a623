package auth

import (
	"container/list"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// DefaultMaxKeys is the number of keys a Limiter tracks when LimiterConfig.MaxKeys is zero.
const DefaultMaxKeys = 100_000

// LimiterConfig configures a Limiter: Attempts per Window for each key.
type LimiterConfig struct {
	Attempts int           // attempts allowed in a burst, and per Window on average
	Window   time.Duration // the time in which Attempts are refilled
	MaxKeys  int           // keys tracked at most; the least recently seen go first. DefaultMaxKeys when zero
	Clock    models.Clock  // the system clock when nil
}

// Limiter is a keyed rate limiter, such as one for logins per account and one per IP address. Each key has a
// token bucket of Attempts tokens that refills evenly over Window (the generic cell rate algorithm, which
// stores one time per key). Keys whose bucket is full again are forgotten, and at most MaxKeys are kept. It is
// safe for concurrent use.
type Limiter struct {
	interval time.Duration // time to earn one attempt back
	span     time.Duration // interval * attempts: how far ahead of now a key may run
	maxKeys  int
	clock    models.Clock

	mu    sync.Mutex
	keys  map[string]*list.Element
	order *list.List // of *limitEntry, most recently seen first
}

type limitEntry struct {
	key string
	tat time.Time // theoretical arrival time: when the bucket is full again
}

// NewLimiter checks cfg and returns a Limiter.
func NewLimiter(cfg LimiterConfig) (*Limiter, error) {
	if cfg.Attempts < 1 || cfg.Window <= 0 || cfg.MaxKeys < 0 {
		return nil, internalf("auth: limiter: want Attempts >= 1, Window > 0 and MaxKeys >= 0, got %+v", cfg)
	}
	interval := cfg.Window / time.Duration(cfg.Attempts)
	if interval <= 0 {
		return nil, internalf("auth: limiter: window %v too short for %d attempts", cfg.Window, cfg.Attempts)
	}
	if cfg.MaxKeys == 0 {
		cfg.MaxKeys = DefaultMaxKeys
	}
	if cfg.Clock == nil {
		cfg.Clock = models.SystemClock{}
	}
	return &Limiter{
		interval: interval,
		span:     interval * time.Duration(cfg.Attempts),
		maxKeys:  cfg.MaxKeys,
		clock:    cfg.Clock,
		keys:     make(map[string]*list.Element),
		order:    list.New(),
	}, nil
}

// Allow takes one attempt for key. When none is left it returns false and how long until the next one.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forgetFull(now)
	el, found := l.keys[key]
	if !found {
		el = l.order.PushFront(&limitEntry{key: key, tat: now})
		l.keys[key] = el
		l.trim()
	} else {
		l.order.MoveToFront(el)
	}
	e := el.Value.(*limitEntry)
	tat := e.tat
	if tat.Before(now) {
		tat = now
	}
	next := tat.Add(l.interval)
	if wait := next.Sub(now) - l.span; wait > 0 {
		return false, wait
	}
	e.tat = next
	return true, 0
}

// Reset forgets key, giving it a full bucket, such as after a successful login.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.keys[key]; ok {
		l.order.Remove(el)
		delete(l.keys, key)
	}
}

// forgetFull drops, from the least recently seen end, keys whose bucket is full again: they are as good as new.
func (l *Limiter) forgetFull(now time.Time) {
	for el := l.order.Back(); el != nil; el = l.order.Back() {
		e := el.Value.(*limitEntry)
		if e.tat.After(now) {
			return
		}
		l.order.Remove(el)
		delete(l.keys, e.key)
	}
}

// trim drops the least recently seen keys beyond maxKeys.
func (l *Limiter) trim() {
	for l.order.Len() > l.maxKeys {
		el := l.order.Back()
		l.order.Remove(el)
		delete(l.keys, el.Value.(*limitEntry).key)
	}
}
