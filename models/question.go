package models

import (
	"context"
	"time"
)

// The limits of questions and answers, in characters.
const (
	QuestionMinLen = 10
	QuestionMaxLen = 2000
	AnswerMaxLen   = 5000
	// MaxOpenQuestions caps the unanswered questions one account may have on one challenge.
	MaxOpenQuestions = 5
)

// Question is a question a signed-in member asks about a challenge. Once the challenge's agency answers it,
// the question and its answer are public on the challenge page; until then only the asker and the agency see
// it. The asker is not shown publicly.
type Question struct {
	ID             string     `json:"id"`
	ChallengeID    string     `json:"challenge_id"`
	AskerAccountID string     `json:"asker_account_id"`
	Text           string     `json:"text"`
	Answer         string     `json:"answer,omitempty"`
	AnsweredBy     string     `json:"answered_by,omitempty"` // the account that answered
	CreatedAt      time.Time  `json:"created_at"`
	AnsweredAt     *time.Time `json:"answered_at,omitempty"`
	Version        int64      `json:"version"`
}

// Answered reports whether the question has an answer.
func (q *Question) Answered() bool { return q.AnsweredAt != nil }

// QuestionFilter selects the questions of a challenge. Zero values do not filter.
type QuestionFilter struct {
	ChallengeID    string
	AskerAccountID string
	// Answered, when set, keeps only the answered (true) or unanswered (false) questions.
	Answered *bool
	Page     Page
}

// QuestionStore persists the questions on challenges.
type QuestionStore interface {
	// CreateQuestion stores a new question at version 1, giving it an id when it has none.
	CreateQuestion(ctx context.Context, q *Question) error
	Question(ctx context.Context, id string) (*Question, error)
	// UpdateQuestion writes q if the stored version is still q.Version, then increments q.Version.
	UpdateQuestion(ctx context.Context, q *Question) error
	// ListQuestions returns a page of questions, oldest first (CreatedAt, then id), and the total that match.
	ListQuestions(ctx context.Context, f QuestionFilter) ([]*Question, int, error)
}
