package storetest

import (
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) interestJobTests() []test {
	return []test{
		{"Create", s.jobWithNewInterest},
		{"CreateFails", s.jobWithNewInterestFails},
		{"Update", s.jobWithInterestUpdate},
		{"UpdateFails", s.jobWithInterestUpdateFails},
	}
}

func (s suite) jobWithNewInterest(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	i := interest("in-1", "ch-1", "st-1")
	j := job("", models.JobInterestCreated, "in-1", at(time.Hour))
	must(t, "CreateInterestWithJob", st.CreateInterestWithJob(ctx, i, j))
	if i.Version != 1 || j.ID == "" {
		t.Fatalf("CreateInterestWithJob: version %d and job id %q, want 1 and an id", i.Version, j.ID)
	}
	got, err := st.Interest(ctx, "in-1")
	must(t, "Interest", err)
	assertSame(t, "Interest after CreateInterestWithJob", i, got)
	now := at(2 * time.Hour)
	jobs, _ := claimJobs(t, st, now, 10)
	if len(jobs) != 1 {
		t.Fatalf("ClaimJobs = %d jobs, want the one written with the interest", len(jobs))
	}
	assertSame(t, "claimed job", claimedJob(j, now), jobs[0])
}

func (s suite) jobWithNewInterestFails(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	first := interest("in-1", "ch-1", "st-1")
	must(t, "CreateInterestWithJob", st.CreateInterestWithJob(ctx, first, job("jb-taken", models.JobInterestCreated, "in-1", at(0))))
	claimJobs(t, st, at(0), 10)
	must(t, "CompleteJob", st.CompleteJob(ctx, "jb-taken", at(0)))
	cases := []struct {
		name string
		i    *models.Interest
		j    *models.Job
	}{
		{"same challenge and member", interest("in-2", "ch-1", "st-1"), job("", models.JobInterestCreated, "in-2", at(0))},
		{"same id", interest("in-1", "ch-2", "st-2"), job("", models.JobInterestCreated, "in-1", at(0))},
		{"taken job id", interest("in-3", "ch-3", "st-3"), job("jb-taken", models.JobInterestCreated, "in-3", at(0))},
	}
	for _, c := range cases {
		assertCode(t, "CreateInterestWithJob with the "+c.name, st.CreateInterestWithJob(ctx, c.i, c.j), models.CodeConflict)
		assertNoJob(t, st, "CreateInterestWithJob with the "+c.name)
	}
	_, err := st.Interest(ctx, "in-3")
	assertCode(t, "Interest whose job id was taken", err, models.CodeNotFound)
	got, err := st.Interest(ctx, "in-1")
	must(t, "Interest", err)
	assertSame(t, "Interest after failed creations", first, got)
}

func (s suite) jobWithInterestUpdate(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	i := interest("in-1", "ch-1", "st-1")
	must(t, "CreateInterest", st.CreateInterest(ctx, i))
	i.Status, i.UpdatedAt = models.InterestShortlisted, at(2*time.Hour)
	j := job("jb-1", models.JobInterestDecided, "in-1", at(2*time.Hour))
	must(t, "UpdateInterestWithJob", st.UpdateInterestWithJob(ctx, i, j))
	if i.Version != 2 {
		t.Fatalf("UpdateInterestWithJob: version %d, want 2", i.Version)
	}
	got, err := st.Interest(ctx, "in-1")
	must(t, "Interest", err)
	assertSame(t, "Interest after UpdateInterestWithJob", i, got)
	now := at(3 * time.Hour)
	jobs, _ := claimJobs(t, st, now, 10)
	if len(jobs) != 1 {
		t.Fatalf("ClaimJobs = %d jobs, want the one written with the interest", len(jobs))
	}
	assertSame(t, "claimed job", claimedJob(j, now), jobs[0])
}

func (s suite) jobWithInterestUpdateFails(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	i := interest("in-1", "ch-1", "st-1")
	must(t, "CreateInterest", st.CreateInterest(ctx, i))
	stale := *i
	i.Status = models.InterestShortlisted
	must(t, "UpdateInterest", st.UpdateInterest(ctx, i))
	stale.Status = models.InterestDeclined
	assertCode(t, "UpdateInterestWithJob from a stale version",
		st.UpdateInterestWithJob(ctx, &stale, job("", models.JobInterestDecided, "in-1", at(0))), models.CodeConflict)
	if stale.Version != 1 {
		t.Errorf("a failed UpdateInterestWithJob changed the version to %d", stale.Version)
	}
	assertNoJob(t, st, "UpdateInterestWithJob from a stale version")
	got, err := st.Interest(ctx, "in-1")
	must(t, "Interest", err)
	assertSame(t, "Interest after a stale UpdateInterestWithJob", i, got)

	missing := interest("in-missing", "ch-9", "st-9")
	missing.Version = 1
	assertCode(t, "UpdateInterestWithJob of a missing interest",
		st.UpdateInterestWithJob(ctx, missing, job("", models.JobInterestDecided, "in-missing", at(0))), models.CodeNotFound)
	assertNoJob(t, st, "UpdateInterestWithJob of a missing interest")
}
