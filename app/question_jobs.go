package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// notifyQuestionAsked notifies the owners of the challenge's agency of a new question.
func (s *Service) notifyQuestionAsked(ctx context.Context, j *models.Job) error {
	q, c, err := s.questionSubject(ctx, j.SubjectID)
	if err != nil || q == nil {
		return err
	}
	ns, err := s.ownerNotifications(ctx, c.PostedBy, func(account string) *models.Notification {
		return &models.Notification{AccountID: account, Key: "question:" + q.ID + ":" + account, Type: models.NotifyQuestion,
			ChallengeID: c.ID, Title: c.Title, CreatedAt: q.CreatedAt}
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	return s.notifyJob(ctx, j, ns)
}

// notifyQuestionAnswered notifies the asker of the first answer to its question.
func (s *Service) notifyQuestionAnswered(ctx context.Context, j *models.Job) error {
	q, c, err := s.questionSubject(ctx, j.SubjectID)
	if err != nil || q == nil || !q.Answered() {
		return err
	}
	return s.notifyJob(ctx, j, []*models.Notification{{AccountID: q.AskerAccountID, Key: "answer:" + q.ID,
		Type: models.NotifyAnswer, ChallengeID: c.ID, Title: c.Title, CreatedAt: *q.AnsweredAt}})
}

// questionSubject reads a job's question and its challenge; both nil when either is gone.
func (s *Service) questionSubject(ctx context.Context, id string) (*models.Question, *models.Challenge, error) {
	q, err := s.Store.Question(ctx, id)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Store.Challenge(ctx, q.ChallengeID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return q, c, nil
}
