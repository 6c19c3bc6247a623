package mongo

import "time"

// storedTime returns t as a BSON date stores it: UTC, millisecond precision. The zero time stays zero.
func storedTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Millisecond)
}

// storedTimePtr is storedTime for optional times.
func storedTimePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	st := storedTime(*t)
	return &st
}

// roundTime rounds *t in place to what the store keeps, so that a written object equals what is read back.
func roundTime(ts ...*time.Time) {
	for _, t := range ts {
		*t = storedTime(*t)
	}
}

// roundTimePtr is roundTime for optional times.
func roundTimePtr(ts ...**time.Time) {
	for _, t := range ts {
		*t = storedTimePtr(*t)
	}
}

// optionalTime stores t as an optional time: nil when it is zero.
func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return storedTimePtr(&t)
}

// timeOrZero reads an optional time back: the zero time when it is absent.
func timeOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return storedTime(*t)
}
