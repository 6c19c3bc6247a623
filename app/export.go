package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// exportBatch is how many changes an export reads at a time.
const exportBatch = 1000

// publicContactOnly passes members on with only the contact fields their owners made public: a file an admin
// downloads leaves the platform, so what a member showed to fewer people stays behind.
func publicContactOnly(next func(*models.Member) error) func(*models.Member) error {
	return func(m *models.Member) error {
		c := *m
		c.Contact = m.ContactFor(nil)
		return next(&c)
	}
}

// ExportAll calls the functions for every published member and every challenge that is not a draft, in
// store order. Exported through the API (p an admin), members carry only their public contact fields. It reads the
// change feed, which holds each one's latest state, so the scan is stable while writes go on. A nil p is the
// operator at the command line; otherwise p must be an admin.
func (s *Service) ExportAll(ctx context.Context, p *models.Principal, member func(*models.Member) error, challenge func(*models.Challenge) error) error {
	if p != nil {
		if err := requireAdmin(p); err != nil {
			return err
		}
		what := "all"
		switch {
		case challenge == nil:
			what = "members"
		case member == nil:
			what = "challenges"
		}
		s.audit(ctx, p, models.AuditExport, models.TargetRecords, what, nil)
		if member != nil {
			member = publicContactOnly(member)
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
