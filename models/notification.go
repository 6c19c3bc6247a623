package models

import "time"

// NotificationType says what a notification is about.
type NotificationType string

// The notification types.
const (
	NotifyChallengeMatch NotificationType = "challenge_match" // a new challenge fits the member
	NotifyProfileMatch   NotificationType = "profile_match"   // after a profile change, an open challenge fits it
	NotifyInterest       NotificationType = "interest"        // an agency received an interest or proposal
	NotifyInterestStatus NotificationType = "interest_status" // the agency shortlisted, declined or selected
	NotifyQuestion       NotificationType = "question"        // an agency received a question on its challenge
	NotifyAnswer         NotificationType = "answer"          // the agency answered the asker's question
)

// Notification is one item of an account's in-app inbox. Key is unique: the same event never notifies the
// same account twice (for a match, "match:<challenge>:<member>").
type Notification struct {
	ID          string           `json:"id"`
	Seq         int64            `json:"seq"` // store-assigned, increasing: the id of the live event
	AccountID   string           `json:"account_id"`
	Key         string           `json:"key"`
	Type        NotificationType `json:"type"`
	ChallengeID string           `json:"challenge_id,omitempty"`
	MemberID    string           `json:"member_id,omitempty"`
	Title       string           `json:"title"` // the challenge title or member name it refers to
	Score       int              `json:"score,omitempty"`
	Reasons     []Reason         `json:"reasons,omitempty"`
	CreatedAt   time.Time        `json:"created_at"`
	ReadAt      *time.Time       `json:"read_at,omitempty"`
}

// Frequency is how often an account wants email.
type Frequency string

// The email frequencies.
const (
	FrequencyInstant Frequency = "instant"
	FrequencyDaily   Frequency = "daily"
	FrequencyWeekly  Frequency = "weekly"
	FrequencyOff     Frequency = "off"
)

// Preferences are an account's notification choices.
type Preferences struct {
	AccountID string    `json:"account_id"`
	InApp     bool      `json:"in_app"`
	Email     Frequency `json:"email"`
	// MinScore is the lowest match score (0-100) that notifies.
	MinScore int `json:"min_score"`
	// Sectors, when not empty, limits match notifications to challenges in these sectors.
	Sectors []string `json:"sectors,omitempty"`
	// Language of the emails: "vi" or "en".
	Language string `json:"language"`
	// UnsubscribeToken authenticates the one-click unsubscribe link of every email.
	UnsubscribeToken string `json:"-"`
	// LastDigestAt is when the last digest was sent (or the preferences created).
	LastDigestAt time.Time `json:"-"`
	Version      int64     `json:"version"`
}

// DefaultPreferences are what an account has until it chooses.
func DefaultPreferences(accountID string) Preferences {
	return Preferences{AccountID: accountID, InApp: true, Email: FrequencyInstant, MinScore: 50, Language: "vi"}
}

// OutboxMail is one email waiting to be sent, sent at least once. Key is unique (idempotency); MessageID is
// derived from it so that a resend after a crash is recognisably the same mail.
type OutboxMail struct {
	ID            string     `json:"id"`
	Key           string     `json:"key"`
	AccountID     string     `json:"account_id"`
	To            string     `json:"to"`
	Subject       string     `json:"subject"`
	Text          string     `json:"text"`
	HTML          string     `json:"html"`
	MessageID     string     `json:"message_id"`
	Unsubscribe   string     `json:"unsubscribe,omitempty"` // the List-Unsubscribe URL
	Attempts      int        `json:"attempts"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	LeaseUntil    time.Time  `json:"lease_until"`
	LastError     string     `json:"last_error,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	SentAt        *time.Time `json:"sent_at,omitempty"`
}

// JobKind names a durable background job.
type JobKind string

// The job kinds.
const (
	JobChallengePublished JobKind = "challenge_published" // match the challenge and notify members
	JobProfileChanged     JobKind = "profile_changed"     // match the member against open challenges
	JobInterestCreated    JobKind = "interest_created"    // notify the challenge's agency of a new interest
	JobInterestDecided    JobKind = "interest_decided"    // notify the member of the agency's decision
	JobQuestionAsked      JobKind = "question_asked"      // notify the challenge's agency of a question
	JobQuestionAnswered   JobKind = "question_answered"   // notify the asker of the first answer
)

// Job is durable background work, written in the same store write as the change that caused it, so a crash
// resumes it rather than loses it. Workers claim jobs with a lease.
type Job struct {
	ID         string     `json:"id"`
	Kind       JobKind    `json:"kind"`
	SubjectID  string     `json:"subject_id"` // the challenge or member
	Attempts   int        `json:"attempts"`
	LeaseUntil time.Time  `json:"lease_until"`
	CreatedAt  time.Time  `json:"created_at"`
	DoneAt     *time.Time `json:"done_at,omitempty"`
	LastError  string     `json:"last_error,omitempty"`
}
