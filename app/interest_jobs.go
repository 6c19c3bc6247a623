package app

import (
	"context"
	"fmt"

	"github.com/hanoi-innovation/innonet/models"
)

// notifyInterestCreated notifies the owners of the challenge's agency of a new interest.
func (s *Service) notifyInterestCreated(ctx context.Context, j *models.Job) error {
	in, c, err := s.interestSubject(ctx, j.SubjectID)
	if err != nil || in == nil {
		return err
	}
	m, err := s.Store.Member(ctx, in.MemberID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	ns, err := s.ownerNotifications(ctx, c.PostedBy, func(account string) *models.Notification {
		return &models.Notification{AccountID: account, Key: "interest:" + in.ID + ":" + account, Type: models.NotifyInterest,
			ChallengeID: c.ID, MemberID: m.ID, Title: m.Name + " → " + c.Title, CreatedAt: in.CreatedAt}
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	return s.notifyJob(ctx, j, ns)
}

// notifyInterestDecided notifies the owners of the interest's member of its status as it is now.
func (s *Service) notifyInterestDecided(ctx context.Context, j *models.Job) error {
	in, c, err := s.interestSubject(ctx, j.SubjectID)
	if err != nil || in == nil {
		return err
	}
	ns, err := s.ownerNotifications(ctx, in.MemberID, func(account string) *models.Notification {
		return &models.Notification{AccountID: account, Key: fmt.Sprintf("interest_status:%s:%s:%s", in.ID, account, in.Status),
			Type: models.NotifyInterestStatus, ChallengeID: c.ID, MemberID: in.MemberID, Title: c.Title, CreatedAt: in.UpdatedAt}
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	return s.notifyJob(ctx, j, ns)
}

// interestSubject reads a job's interest and its challenge; both nil when either is gone.
func (s *Service) interestSubject(ctx context.Context, id string) (*models.Interest, *models.Challenge, error) {
	in, err := s.Store.Interest(ctx, id)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Store.Challenge(ctx, in.ChallengeID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return in, c, nil
}
