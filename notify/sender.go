package notify

import (
	"context"
	"errors"

	"github.com/hanoi-innovation/innonet/models"
)

// Sender delivers one email. An error wrapped with Permanent means that retrying cannot help (the recipient
// does not exist, the message is refused); any other error is temporary.
type Sender interface {
	Send(ctx context.Context, m *models.OutboxMail) error
}

// PermanentError is a delivery failure that retrying cannot fix.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent marks err as permanent; nil stays nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}

// IsPermanent reports whether err, or an error it wraps, is a PermanentError.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}
