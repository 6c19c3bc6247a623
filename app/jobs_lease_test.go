package app

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// stallingStore plays a job run that outlasts its lease: at the first read of a challenge it moves the clock
// past the lease, and another instance claims the jobs whose lease ran out.
type stallingStore struct {
	models.Store
	clock *stepClock
	once  sync.Once
	reads int
	other []*models.Job // what the other instance claimed
}

func (s *stallingStore) Challenge(ctx context.Context, id string) (*models.Challenge, error) {
	s.reads++
	s.once.Do(func() {
		s.clock.advance(jobLease + time.Minute)
		s.other, _ = s.Store.ClaimJobs(ctx, s.clock.Now(), jobLease, 10)
	})
	return s.Store.Challenge(ctx, id)
}

// TestRunJobsLeavesJobsWhoseLeaseRanOut: the runner's first job stalls past the lease of its batch, and another
// instance claims the batch meanwhile; the runner finishes the job it was running (jobs are at least once) but
// leaves the others to the other instance instead of running them too.
func TestRunJobsLeavesJobsWhoseLeaseRanOut(t *testing.T) {
	ctx := context.Background()
	base, st, ix := importTestService(t)
	clock := &stepClock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	c := &models.Challenge{ID: "ch-1", PostedBy: "ag-1", Title: "Số hoá hồ sơ", Status: models.ChallengeDraft,
		CreatedAt: clock.Now(), UpdatedAt: clock.Now()}
	if err := st.CreateChallenge(ctx, c); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		j := &models.Job{ID: fmt.Sprintf("job-%d", i), Kind: models.JobChallengePublished, SubjectID: "ch-1",
			CreatedAt: clock.Now().Add(time.Duration(i) * time.Second)}
		if err := st.UpdateChallengeWithJob(ctx, c, j); err != nil {
			t.Fatal(err)
		}
	}
	stalling := &stallingStore{Store: st, clock: clock}
	svc := New(Deps{Store: stalling, Taxonomy: base.Taxonomy, Index: ix, Clock: clock}, Config{})
	ran, err := svc.RunJobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(stalling.other) != 3 {
		t.Fatalf("the other instance claimed %d jobs once the lease ran out, want the 3 of the batch", len(stalling.other))
	}
	if ran != 1 || stalling.reads != 1 {
		t.Errorf("the runner ran %d jobs (%d fan-outs), want only its first: the others are the other instance's", ran, stalling.reads)
	}
}
