package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func newTestLimiter(t *testing.T, attempts int, window time.Duration, maxKeys int) (*Limiter, *fakeClock) {
	t.Helper()
	clock := newFakeClock()
	l, err := NewLimiter(LimiterConfig{Attempts: attempts, Window: window, MaxKeys: maxKeys, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return l, clock
}

func TestLimiterSequence(t *testing.T) {
	type step struct {
		advance    time.Duration
		key        string
		ok         bool
		retryAfter time.Duration
	}
	tests := []struct {
		name     string
		attempts int
		window   time.Duration
		steps    []step
	}{
		{"burst of attempts, then wait", 5, 15 * time.Minute, []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", false, 3 * time.Minute},
			{time.Minute, "a", false, 2 * time.Minute},
			{2*time.Minute - time.Second, "a", false, time.Second},
			{time.Second, "a", true, 0},
			{0, "a", false, 3 * time.Minute},
		}},
		{"keys are independent", 1, time.Minute, []step{
			{0, "a", true, 0},
			{0, "a", false, time.Minute},
			{0, "b", true, 0},
			{0, "b", false, time.Minute},
			{time.Minute, "a", true, 0},
			{0, "b", true, 0},
		}},
		{"a full window refills the bucket", 3, time.Minute, []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", false, 20 * time.Second},
			{time.Hour, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", false, 20 * time.Second},
		}},
		{"denied attempts cost nothing", 2, time.Minute, []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", false, 30 * time.Second},
			{0, "a", false, 30 * time.Second},
			{0, "a", false, 30 * time.Second},
			{30 * time.Second, "a", true, 0},
		}},
		{"window not divisible by attempts allows no extra burst", 3, 10 * time.Nanosecond, []step{
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", true, 0},
			{0, "a", false, 3 * time.Nanosecond},
		}},
		{"steady rate never blocks", 4, time.Minute, []step{
			{0, "a", true, 0},
			{15 * time.Second, "a", true, 0},
			{15 * time.Second, "a", true, 0},
			{15 * time.Second, "a", true, 0},
			{15 * time.Second, "a", true, 0},
			{15 * time.Second, "a", true, 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, clock := newTestLimiter(t, tt.attempts, tt.window, 0)
			for i, s := range tt.steps {
				clock.Advance(s.advance)
				ok, retry := l.Allow(s.key)
				if ok != s.ok || retry != s.retryAfter {
					t.Fatalf("step %d: Allow(%q) = %v, %v; want %v, %v", i, s.key, ok, retry, s.ok, s.retryAfter)
				}
			}
		})
	}
}

func TestLimiterReset(t *testing.T) {
	l, _ := newTestLimiter(t, 2, time.Minute, 0)
	l.Allow("a")
	l.Allow("a")
	if ok, _ := l.Allow("a"); ok {
		t.Fatal("third attempt allowed")
	}
	l.Reset("a")
	l.Reset("never seen")
	for i := range 2 {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("attempt %d after Reset denied", i)
		}
	}
}

func TestLimiterForgetsFullBuckets(t *testing.T) {
	l, clock := newTestLimiter(t, 3, time.Minute, 0)
	for i := range 1000 {
		l.Allow(fmt.Sprintf("ip-%d", i))
	}
	if n := len(l.keys); n != 1000 {
		t.Fatalf("%d keys tracked, want 1000", n)
	}
	clock.Advance(time.Minute)
	l.Allow("late")
	if n, m := len(l.keys), l.order.Len(); n != 1 || m != 1 {
		t.Errorf("after a window %d keys (%d in order) tracked, want only the new one", n, m)
	}
}

func TestLimiterBoundsMemory(t *testing.T) {
	l, _ := newTestLimiter(t, 1, time.Hour, 3)
	for _, k := range []string{"a", "b", "c"} {
		l.Allow(k)
	}
	l.Allow("a")
	l.Allow("d")
	if n := len(l.keys); n != 3 {
		t.Fatalf("%d keys tracked, want 3", n)
	}
	if _, ok := l.keys["b"]; ok {
		t.Error("b, the least recently seen key, was kept")
	}
	for _, k := range []string{"a", "c", "d"} {
		if ok, _ := l.Allow(k); ok {
			t.Errorf("%s was forgotten: allowed again", k)
		}
	}
}

func TestLimiterConcurrent(t *testing.T) {
	l, _ := newTestLimiter(t, 100, time.Hour, 50)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				key := "shared"
				if i%2 == 1 {
					key = fmt.Sprintf("k-%d-%d", g, i)
				}
				if ok, _ := l.Allow(key); ok && key == "shared" {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if allowed != 100 {
		t.Errorf("shared key allowed %d times, want exactly 100", allowed)
	}
	if n := len(l.keys); n > 50 || n != l.order.Len() {
		t.Errorf("keys %d, order %d; want equal and at most 50", n, l.order.Len())
	}
}

func TestNewLimiterConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  LimiterConfig
		ok   bool
	}{
		{"fine", LimiterConfig{Attempts: 5, Window: time.Minute}, true},
		{"no attempts", LimiterConfig{Window: time.Minute}, false},
		{"negative attempts", LimiterConfig{Attempts: -1, Window: time.Minute}, false},
		{"no window", LimiterConfig{Attempts: 5}, false},
		{"negative window", LimiterConfig{Attempts: 5, Window: -time.Minute}, false},
		{"window shorter than attempts", LimiterConfig{Attempts: 5, Window: 4}, false},
		{"negative max keys", LimiterConfig{Attempts: 5, Window: time.Minute, MaxKeys: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := NewLimiter(tt.cfg)
			if tt.ok {
				if err != nil || l.maxKeys != DefaultMaxKeys || l.clock == nil {
					t.Errorf("NewLimiter = %+v, %v", l, err)
				}
				return
			}
			if models.ErrorCode(err) != models.CodeInternal {
				t.Errorf("NewLimiter error = %v, want internal", err)
			}
		})
	}
}
