package models

import "time"

// hanoi is the time zone of the network (UTC+7, no daylight saving), fixed so that no tz database is needed.
var hanoi = time.FixedZone("ICT", 7*60*60)

// DeadlineEnd returns when a deadline day ends: midnight after it, Hanoi time. A challenge takes responses
// up to that moment. ok is false when the challenge has no valid deadline.
func (c *Challenge) DeadlineEnd() (end time.Time, ok bool) {
	if c.Deadline == "" {
		return time.Time{}, false
	}
	d, err := time.ParseInLocation(DateLayout, c.Deadline, hanoi)
	if err != nil {
		return time.Time{}, false
	}
	return d.AddDate(0, 0, 1).UTC(), true
}

// PastDeadline reports whether the challenge's deadline has passed at now.
func (c *Challenge) PastDeadline(now time.Time) bool {
	end, ok := c.DeadlineEnd()
	return ok && !now.Before(end)
}

// AcceptsResponses reports whether members may respond to (or ask about) the challenge at now: it is open
// and its deadline has not passed, whether or not the worker has closed it yet.
func (c *Challenge) AcceptsResponses(now time.Time) bool {
	return c.Status == ChallengeOpen && !c.PastDeadline(now)
}

// Today returns the date of now in Hanoi, in DateLayout.
func Today(now time.Time) string {
	return now.In(hanoi).Format(DateLayout)
}
