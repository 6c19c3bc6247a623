package app

import (
	"context"
	"unicode/utf8"

	"github.com/hanoi-innovation/innonet/models"
)

// AskQuestion records a signed-in member's question on an open challenge, with the job that notifies the
// challenge's agency.
func (s *Service) AskQuestion(ctx context.Context, p *models.Principal, challengeID, text string) (*models.Question, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in to ask a question")
	}
	c, err := s.Challenge(ctx, p, challengeID)
	if err != nil {
		return nil, err
	}
	if s.actsFor(p, c.PostedBy) && !p.IsAdmin() {
		return nil, models.Errorf(models.CodeForbidden, "the agency answers questions on its challenge; it does not ask them")
	}
	now := s.now()
	if !c.AcceptsResponses(now) {
		return nil, models.Errorf(models.CodeConflict, "the challenge is closed and takes no more questions")
	}
	text = models.NormalizeText(text)
	if n := utf8.RuneCountInString(text); n < models.QuestionMinLen || n > models.QuestionMaxLen {
		return nil, models.Invalid(models.FieldError{Pointer: "/text",
			Detail: "must have between 10 and 2000 characters"})
	}
	no := false
	_, open, err := s.Store.ListQuestions(ctx, models.QuestionFilter{ChallengeID: c.ID, AskerAccountID: p.AccountID,
		Answered: &no, Page: models.Page{PerPage: 1}})
	if err != nil {
		return nil, err
	}
	if open >= models.MaxOpenQuestions {
		return nil, models.Errorf(models.CodeRateLimited,
			"you have %d unanswered questions on this challenge; wait for answers before asking more", open)
	}
	q := &models.Question{ID: models.NewID("qa"), ChallengeID: c.ID, AskerAccountID: p.AccountID, Text: text, CreatedAt: now}
	if err := s.Store.CreateQuestionWithJob(ctx, q, s.newJob(models.JobQuestionAsked, q.ID)); err != nil {
		return nil, err
	}
	s.kickJobs()
	return q, nil
}

// AnswerQuestion lets the challenge's agency (any of its owners) or an admin answer a question, or change
// its answer. The answer makes the question public; the first is written with the job that notifies the asker.
func (s *Service) AnswerQuestion(ctx context.Context, p *models.Principal, questionID, answer string) (*models.Question, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in to answer a question")
	}
	q, err := s.Store.Question(ctx, questionID)
	if err != nil {
		return nil, err
	}
	c, err := s.Store.Challenge(ctx, q.ChallengeID)
	if err != nil {
		return nil, err
	}
	if !s.actsFor(p, c.PostedBy) {
		if q.AskerAccountID == p.AccountID {
			return nil, models.Errorf(models.CodeForbidden, "only the agency that posted the challenge answers its questions")
		}
		// Someone else's unanswered question is not shown to p: do not confirm it exists.
		if !q.Answered() {
			return nil, models.Errorf(models.CodeNotFound, "no question %q", questionID)
		}
		return nil, models.Errorf(models.CodeForbidden, "only the agency that posted the challenge answers its questions")
	}
	answer = models.NormalizeText(answer)
	if n := utf8.RuneCountInString(answer); n < 1 || n > models.AnswerMaxLen {
		return nil, models.Invalid(models.FieldError{Pointer: "/answer", Detail: "must have between 1 and 5000 characters"})
	}
	now := s.now()
	first := !q.Answered()
	q.Answer, q.AnsweredBy = answer, p.AccountID
	if first {
		q.AnsweredAt = &now
	}
	if !first {
		if err := s.Store.UpdateQuestion(ctx, q); err != nil {
			return nil, err
		}
		return q, nil
	}
	if err := s.Store.UpdateQuestionWithJob(ctx, q, s.newJob(models.JobQuestionAnswered, q.ID)); err != nil {
		return nil, err
	}
	s.kickJobs()
	return q, nil
}

// Questions lists the questions on a challenge that p may see: all of them for its agency and admins; for
// others the answered ones, and on the first page also p's own unanswered ones after them.
func (s *Service) Questions(ctx context.Context, p *models.Principal, challengeID string, page models.Page) ([]*models.Question, int, error) {
	c, err := s.Challenge(ctx, p, challengeID)
	if err != nil {
		return nil, 0, err
	}
	page = page.Normalized()
	if s.actsFor(p, c.PostedBy) {
		return s.Store.ListQuestions(ctx, models.QuestionFilter{ChallengeID: c.ID, Page: page})
	}
	yes, no := true, false
	qs, total, err := s.Store.ListQuestions(ctx, models.QuestionFilter{ChallengeID: c.ID, Answered: &yes, Page: page})
	if err != nil || !p.SignedIn() {
		return qs, total, err
	}
	mine, n, err := s.Store.ListQuestions(ctx, models.QuestionFilter{ChallengeID: c.ID, AskerAccountID: p.AccountID,
		Answered: &no, Page: models.Page{PerPage: models.MaxOpenQuestions}})
	if err != nil {
		return nil, 0, err
	}
	if page.Page == 1 {
		qs = append(qs, mine...)
	}
	return qs, total + n, nil
}
