package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// checkDeadline refuses a deadline set to a day that has already ended. An unchanged deadline passes, so
// that an imported challenge with a past deadline can still be edited otherwise.
func (s *Service) checkDeadline(c *models.Challenge, before string) error {
	if c.Deadline == "" || c.Deadline == before {
		return nil
	}
	if c.Deadline < models.Today(s.now()) {
		return models.Invalid(models.FieldError{Pointer: "/deadline", Detail: "must be today or later"})
	}
	return nil
}

// CloseExpired closes the open challenges whose deadline has passed, through the normal update path (so the
// index and the change feed follow), and returns how many it closed. A challenge changed meanwhile is left
// for the next run.
func (s *Service) CloseExpired(ctx context.Context) (int, error) {
	now := s.now()
	var due []*models.Challenge
	for page := 1; ; page++ {
		cs, total, err := s.Store.ListChallenges(ctx, models.ChallengeFilter{Statuses: []models.ChallengeStatus{models.ChallengeOpen},
			Page: models.Page{Page: page, PerPage: models.MaxPerPage}})
		if err != nil {
			return 0, err
		}
		for _, c := range cs {
			if c.PastDeadline(now) {
				due = append(due, c)
			}
		}
		if page*models.MaxPerPage >= total || len(cs) == 0 {
			break
		}
	}
	closed := 0
	for _, c := range due {
		if _, err := s.moveChallenge(ctx, c, models.ChallengeClosed); err != nil {
			if ctx.Err() != nil {
				return closed, ctx.Err()
			}
			s.Logger.WarnContext(ctx, "closing a challenge past its deadline", "challenge", c.ID, "err", err)
			continue
		}
		s.Logger.InfoContext(ctx, "closed a challenge past its deadline", "challenge", c.ID, "deadline", c.Deadline)
		closed++
	}
	return closed, nil
}
