package app

import (
	"context"
	"fmt"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

const (
	jobLease      = 2 * time.Minute
	jobBatch      = 4
	jobMaxRetries = 8
	// fanoutPool bounds how many candidates a publication notifies.
	fanoutPool = 20000
)

// newJob returns a job for the subject, to be written with the change that caused it.
func (s *Service) newJob(kind models.JobKind, subject string) *models.Job {
	return &models.Job{ID: models.NewID("job"), Kind: kind, SubjectID: subject, CreatedAt: s.now()}
}

// rematchJob returns the job that matches m again after a change, due once the change has settled, and
// marks m as changed by it, so that the jobs of earlier changes not yet run leave the work to it.
func (s *Service) rematchJob(m *models.Member) *models.Job {
	j := s.newJob(models.JobProfileChanged, m.ID)
	j.LeaseUntil = j.CreatedAt.Add(s.cfg.MatchSettle)
	m.RematchAt = j.CreatedAt
	return j
}

// kickJobs wakes the job runner so that a new job starts within moments.
func (s *Service) kickJobs() {
	select {
	case s.jobsKick <- struct{}{}:
	default:
	}
}

// JobsKicked fires when a new job was written; the runner waits on it between passes.
func (s *Service) JobsKicked() <-chan struct{} { return s.jobsKick }

// RunJobs claims and runs the jobs that are due, and reports how many it ran.
func (s *Service) RunJobs(ctx context.Context) (int, error) {
	ran := 0
	for {
		jobs, err := s.Store.ClaimJobs(ctx, s.now(), jobLease, jobBatch)
		if err != nil || len(jobs) == 0 {
			return ran, err
		}
		for _, j := range jobs {
			if !j.LeaseUntil.IsZero() && !s.now().Before(j.LeaseUntil) {
				// The batch outlasted this job's lease: another instance may run it now.
				continue
			}
			if err := s.runJob(ctx, j); err != nil {
				s.Logger.WarnContext(ctx, "job failed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", err)
				retry := s.now().Add(time.Duration(1<<min(j.Attempts, 10)) * time.Second)
				if j.Attempts >= jobMaxRetries {
					retry = s.now().Add(24 * time.Hour)
				}
				if err := s.Store.FailJob(ctx, j.ID, err.Error(), retry); err != nil {
					return ran, err
				}
				continue
			}
			if err := s.Store.CompleteJob(ctx, j.ID, s.now()); err != nil {
				return ran, err
			}
			ran++
		}
	}
}

func (s *Service) runJob(ctx context.Context, j *models.Job) error {
	switch j.Kind {
	case models.JobChallengePublished:
		return s.fanOutChallenge(ctx, j)
	case models.JobProfileChanged:
		return s.fanOutProfile(ctx, j)
	case models.JobInterestCreated:
		return s.notifyInterestCreated(ctx, j)
	case models.JobInterestDecided:
		return s.notifyInterestDecided(ctx, j)
	case models.JobQuestionAsked:
		return s.notifyQuestionAsked(ctx, j)
	case models.JobQuestionAnswered:
		return s.notifyQuestionAnswered(ctx, j)
	}
	return fmt.Errorf("unknown job kind %q", j.Kind)
}

// fanOutChallenge notifies the members an open challenge fits, each at most once.
func (s *Service) fanOutChallenge(ctx context.Context, j *models.Job) error {
	c, err := s.Store.Challenge(ctx, j.SubjectID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if c.Status != models.ChallengeOpen {
		return nil
	}
	matches, members, err := s.rankSolversN(ctx, c, fanoutPool)
	if err != nil {
		return err
	}
	var ns []*models.Notification
	for _, m := range matches {
		ns, err = s.matchNotifications(ctx, ns, models.NotifyChallengeMatch, c, members[m.MemberID], m)
		if err != nil {
			return err
		}
	}
	return s.notifyJob(ctx, j, ns)
}

// fanOutProfile notifies a member of the open challenges its new or changed profile fits, unless a later
// change wrote a job of its own, which will.
func (s *Service) fanOutProfile(ctx context.Context, j *models.Job) error {
	m, err := s.Store.Member(ctx, j.SubjectID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if !m.Published() || m.RematchAt.After(j.CreatedAt) {
		return nil
	}
	matches, challenges, err := s.rankChallenges(ctx, m)
	if err != nil {
		return err
	}
	var ns []*models.Notification
	for _, match := range matches {
		ns, err = s.matchNotifications(ctx, ns, models.NotifyProfileMatch, challenges[match.ChallengeID], m, match)
		if err != nil {
			return err
		}
	}
	return s.notifyJob(ctx, j, ns)
}

// matchNotifications appends a notification for each owner of the member whose preferences the match passes.
// The key makes it once per member, account and challenge, whichever side published first.
func (s *Service) matchNotifications(ctx context.Context, ns []*models.Notification, typ models.NotificationType, c *models.Challenge, m *models.Member, match models.Match) ([]*models.Notification, error) {
	for _, account := range m.OwnerIDs {
		pr, err := s.preferencesFor(ctx, account)
		if err != nil {
			return ns, err
		}
		if match.Score < pr.MinScore || !sectorWanted(pr.Sectors, c.Sectors) {
			continue
		}
		ns = append(ns, &models.Notification{
			AccountID: account, Key: "match:" + c.ID + ":" + m.ID + ":" + account, Type: typ,
			ChallengeID: c.ID, MemberID: m.ID, Title: c.Title, Score: match.Score, Reasons: match.Reasons, CreatedAt: s.now(),
		})
	}
	return ns, nil
}

func sectorWanted(wanted, sectors []string) bool {
	return len(wanted) == 0 || len(sharedSectors(wanted, sectors)) > 0
}
