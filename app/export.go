package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// exportBatch is how many changes an export reads at a time.
const exportBatch = 1000

// ExportAll calls the functions for every published member and every challenge that is not a draft, in
// store order. It reads the
// change feed, which holds each one's latest state, so the scan is stable while writes go on. A nil p is the
// operator at the command line; otherwise p must be an admin.
func (s *Service) ExportAll(ctx context.Context, p *models.Principal, member func(*models.Member) error, challenge func(*models.Challenge) error) error {
	if p != nil {
		if err := requireAdmin(p); err != nil {
			return err
		}
	}
	var after int64
	for {
		changes, err := s.Store.Changes(ctx, after, exportBatch)
		if err != nil || len(changes) == 0 {
			return err
		}
		for _, c := range changes {
			switch {
			case c.Deleted:
			case c.Member != nil && member != nil && c.Member.Published():
				err = member(c.Member)
			case c.Challenge != nil && challenge != nil && c.Challenge.Status != models.ChallengeDraft:
				err = challenge(c.Challenge)
			}
			if err != nil {
				return err
			}
		}
		after = changes[len(changes)-1].Seq
	}
}
