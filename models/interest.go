package models

import "time"

// InterestKind says whether a member only showed interest or sent a proposal.
type InterestKind string

// The kinds of interest.
const (
	InterestOnly InterestKind = "interest"
	Proposal     InterestKind = "proposal"
)

// InterestStatus is where the agency has put an interest.
type InterestStatus string

// The statuses of an interest or proposal.
const (
	InterestSubmitted   InterestStatus = "submitted"
	InterestShortlisted InterestStatus = "shortlisted"
	InterestDeclined    InterestStatus = "declined"
	InterestSelected    InterestStatus = "selected"
)

// Interest is a member's interest in, or short proposal to, a challenge. There is at most one per member and
// challenge.
type Interest struct {
	ID          string         `json:"id"`
	ChallengeID string         `json:"challenge_id"`
	MemberID    string         `json:"member_id"`
	AccountID   string         `json:"account_id"` // who sent it
	Kind        InterestKind   `json:"kind"`
	Message     string         `json:"message,omitempty"`
	Status      InterestStatus `json:"status"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
	Version     int64          `json:"version"`
}
