package notify

import "time"

// The retry schedule of the outbox.
const (
	BackoffBase = 30 * time.Second
	BackoffMax  = 6 * time.Hour
)

// parkFor is how far NextAttemptAt is pushed for a mail that will not be retried (a permanent failure or too
// many attempts): the outbox has no dead-letter state, so such mails stay unsent and visible, with LastError
// saying why, until an operator acts. A century keeps the time representable in every store.
const parkFor = 100 * 365 * 24 * time.Hour

// Backoff is the delay before the next attempt after attempts failed ones: 30 s doubling per attempt
// (30 s, 1 min, 2 min, ...), capped at 6 h.
func Backoff(attempts int) time.Duration {
	d := BackoffBase
	for i := 1; i < attempts; i++ {
		d *= 2
		if d >= BackoffMax {
			return BackoffMax
		}
	}
	return d
}
