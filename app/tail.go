package app

import (
	"sync"
	"time"
)

// Tail follows a numbered feed whose numbers are taken before the writes they mark commit, so that a lower
// number can become visible after a higher one (MongoDB without transactions: the change feed and the
// notifications). A follower that only reads past the highest number it saw would miss the late one for good.
// With a Tail it reads again, on each pass, from the highest number it had seen Settle ago, and keeps only what
// it has not seen yet. Settle bounds how late a write may become visible and still be caught. The zero Settle
// re-reads nothing. It is safe for concurrent use.
type Tail struct {
	// Settle is how long behind the newest number the follower keeps looking for late ones.
	Settle time.Duration

	mu    sync.Mutex
	marks []tailMark
	seen  map[int64]struct{}
}

type tailMark struct {
	at   time.Time
	last int64
}

// From records that the follower has seen everything up to last at now (as far as it knows), and returns where
// to read again from: the last it had seen Settle ago. A result at or above last means nothing to re-read.
func (t *Tail) From(now time.Time, last int64) int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.Settle <= 0 {
		return last
	}
	if n := len(t.marks); n == 0 || t.marks[n-1].last != last {
		t.marks = append(t.marks, tailMark{at: now, last: last})
	}
	cut := now.Add(-t.Settle)
	k := 0
	for k+1 < len(t.marks) && !t.marks[k+1].at.After(cut) {
		k++
	}
	t.marks = t.marks[k:]
	from := t.marks[0].last
	for seq := range t.seen {
		if seq <= from {
			delete(t.seen, seq)
		}
	}
	return from
}

// Fresh reports whether seq was not seen yet, and records it as seen. With the zero Settle every seq is fresh.
func (t *Tail) Fresh(seq int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.Settle <= 0 {
		return true
	}
	if t.seen == nil {
		t.seen = map[int64]struct{}{}
	}
	if _, ok := t.seen[seq]; ok {
		return false
	}
	t.seen[seq] = struct{}{}
	return true
}

// Seen reports whether seq was seen, without recording it. With the zero Settle nothing is.
func (t *Tail) Seen(seq int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.seen[seq]
	return ok
}
