package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// jobLease is the lease of the job tests.
const jobLease = 2 * time.Minute

func (s suite) jobTests() []test {
	return []test{
		{"WithChallenge", s.jobWithChallenge},
		{"WithChallengeFails", s.jobWithChallengeFails},
		{"WithMember", s.jobWithMember},
		{"WithMemberFails", s.jobWithMemberFails},
		{"DueLater", s.jobDueLater},
		{"ClaimOrderAndLease", s.jobClaim},
		{"Complete", s.jobComplete},
		{"Fail", s.jobFail},
	}
}

// job returns a new job about a subject, created at created.
func job(id string, kind models.JobKind, subjectID string, created time.Time) *models.Job {
	return &models.Job{ID: id, Kind: kind, SubjectID: subjectID, CreatedAt: created}
}

// claimedJob returns j as a claim at now returns it: leased and with one more attempt.
func claimedJob(j *models.Job, now time.Time) *models.Job {
	c := *j
	c.Attempts++
	c.LeaseUntil = now.Add(jobLease)
	return &c
}

// claimJobs claims up to limit jobs at now and returns them and their ids.
func claimJobs(t *testing.T, st models.Store, now time.Time, limit int) ([]*models.Job, []string) {
	t.Helper()
	got, err := st.ClaimJobs(t.Context(), now, jobLease, limit)
	must(t, "ClaimJobs", err)
	var out []string
	for _, j := range got {
		out = append(out, j.ID)
	}
	return got, out
}

// assertNoJob checks that no job can be claimed, even long after now.
func assertNoJob(t *testing.T, st models.Store, what string) {
	t.Helper()
	if _, got := claimJobs(t, st, at(365*24*time.Hour), 10); len(got) != 0 {
		t.Errorf("%s: jobs %v were written", what, got)
	}
}

func (s suite) jobWithChallenge(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	c := challenge("ch-1", func(c *models.Challenge) { c.Status, c.PublishedAt, c.ClosedAt = models.ChallengeDraft, nil, nil })
	must(t, "CreateChallenge", st.CreateChallenge(ctx, c))
	c.Status, c.PublishedAt, c.UpdatedAt = models.ChallengeOpen, ptr(at(time.Hour)), at(time.Hour)
	j := job("", models.JobChallengePublished, "ch-1", at(time.Hour))
	must(t, "UpdateChallengeWithJob", st.UpdateChallengeWithJob(ctx, c, j))
	if c.Version != 2 || j.ID == "" {
		t.Fatalf("UpdateChallengeWithJob: version %d and job id %q, want 2 and an id", c.Version, j.ID)
	}
	got, err := st.Challenge(ctx, "ch-1")
	must(t, "Challenge", err)
	assertSame(t, "Challenge after UpdateChallengeWithJob", c, got)
	now := at(2 * time.Hour)
	jobs, _ := claimJobs(t, st, now, 10)
	if len(jobs) != 1 {
		t.Fatalf("ClaimJobs = %d jobs, want the one written with the challenge", len(jobs))
	}
	assertSame(t, "claimed job", claimedJob(j, now), jobs[0])
	changes, err := st.Changes(ctx, 1, 10)
	must(t, "Changes", err)
	if len(changes) != 1 || changes[0].Challenge == nil || changes[0].Challenge.Version != 2 {
		t.Errorf("Changes after UpdateChallengeWithJob = %+v, want the challenge at version 2", changes)
	}
}

func (s suite) jobWithChallengeFails(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	c := challenge("ch-1")
	must(t, "CreateChallenge", st.CreateChallenge(ctx, c))
	stale := *c
	c.Title = "v2"
	must(t, "UpdateChallenge", st.UpdateChallenge(ctx, c))
	must(t, "UpdateChallengeWithJob", st.UpdateChallengeWithJob(ctx, c, job("jb-taken", models.JobChallengePublished, "ch-1", at(0))))
	claimJobs(t, st, at(0), 10)
	must(t, "CompleteJob", st.CompleteJob(ctx, "jb-taken", at(0)))

	stale.Title = "lost update"
	missing := challenge("ch-missing", func(c *models.Challenge) { c.Version = 1 })
	takenID := *c
	takenID.Title = "with a taken job id"
	cases := []struct {
		name string
		c    *models.Challenge
		j    *models.Job
		code models.Code
	}{
		{"stale version", &stale, job("", models.JobChallengePublished, "ch-1", at(0)), models.CodeConflict},
		{"missing challenge", missing, job("", models.JobChallengePublished, "ch-missing", at(0)), models.CodeNotFound},
		{"taken job id", &takenID, job("jb-taken", models.JobChallengePublished, "ch-1", at(0)), models.CodeConflict},
	}
	for _, tc := range cases {
		version := tc.c.Version
		assertCode(t, "UpdateChallengeWithJob with a "+tc.name, st.UpdateChallengeWithJob(ctx, tc.c, tc.j), tc.code)
		if tc.c.Version != version {
			t.Errorf("a failed UpdateChallengeWithJob changed the version to %d", tc.c.Version)
		}
		assertNoJob(t, st, "UpdateChallengeWithJob with a "+tc.name)
	}
	got, err := st.Challenge(ctx, "ch-1")
	must(t, "Challenge", err)
	assertSame(t, "Challenge after failed UpdateChallengeWithJob", c, got)
}

func (s suite) jobWithMember(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m := member("st-1")
	must(t, "CreateMember", st.CreateMember(ctx, m))
	m.Skills, m.UpdatedAt = []string{"computer vision", "lidar"}, at(time.Hour)
	j := job("jb-1", models.JobProfileChanged, "st-1", at(time.Hour))
	must(t, "UpdateMemberWithJob", st.UpdateMemberWithJob(ctx, m, j))
	if m.Version != 2 {
		t.Fatalf("UpdateMemberWithJob: version %d, want 2", m.Version)
	}
	got, err := st.Member(ctx, "st-1")
	must(t, "Member", err)
	assertSame(t, "Member after UpdateMemberWithJob", m, got)
	now := at(2 * time.Hour)
	jobs, _ := claimJobs(t, st, now, 10)
	if len(jobs) != 1 {
		t.Fatalf("ClaimJobs = %d jobs, want the one written with the member", len(jobs))
	}
	assertSame(t, "claimed job", claimedJob(j, now), jobs[0])
}

// jobDueLater: a job written with a lease that ends later is not claimed before it ends.
func (s suite) jobDueLater(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m := member("st-1")
	must(t, "CreateMember", st.CreateMember(ctx, m))
	m.Headline, m.UpdatedAt = "Thị giác máy tính", at(time.Hour)
	j := job("jb-1", models.JobProfileChanged, "st-1", at(time.Hour))
	j.LeaseUntil = at(time.Hour + 10*time.Second)
	must(t, "UpdateMemberWithJob", st.UpdateMemberWithJob(ctx, m, j))
	if _, got := claimJobs(t, st, at(time.Hour+9*time.Second), 10); len(got) != 0 {
		t.Fatalf("jobs %v were claimed before they were due", got)
	}
	now := at(time.Hour + 10*time.Second)
	jobs, _ := claimJobs(t, st, now, 10)
	if len(jobs) != 1 {
		t.Fatalf("ClaimJobs when due = %d jobs, want 1", len(jobs))
	}
	assertSame(t, "claimed job", claimedJob(j, now), jobs[0])
}

func (s suite) jobWithMemberFails(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m := member("st-1")
	must(t, "CreateMember", st.CreateMember(ctx, m))
	stale := *m
	m.Name = "v2"
	must(t, "UpdateMember", st.UpdateMember(ctx, m))
	stale.Name = "lost update"
	assertCode(t, "UpdateMemberWithJob from a stale version",
		st.UpdateMemberWithJob(ctx, &stale, job("", models.JobProfileChanged, "st-1", at(0))), models.CodeConflict)
	assertNoJob(t, st, "UpdateMemberWithJob from a stale version")
	got, err := st.Member(ctx, "st-1")
	must(t, "Member", err)
	assertSame(t, "Member after a stale UpdateMemberWithJob", m, got)

	must(t, "DeleteMember", st.DeleteMember(ctx, "st-1", m.Version))
	assertCode(t, "UpdateMemberWithJob of a deleted member",
		st.UpdateMemberWithJob(ctx, m, job("", models.JobProfileChanged, "st-1", at(0))), models.CodeNotFound)
	assertNoJob(t, st, "UpdateMemberWithJob of a deleted member")
}

// jobQueue writes a challenge and a job per creation time, in the order given, and returns the jobs.
func jobQueue(t *testing.T, st models.Store, created ...time.Duration) []*models.Job {
	t.Helper()
	c := challenge("ch-1")
	must(t, "CreateChallenge", st.CreateChallenge(t.Context(), c))
	var out []*models.Job
	for _, d := range created {
		j := job("", models.JobChallengePublished, "ch-1", at(d))
		must(t, "UpdateChallengeWithJob", st.UpdateChallengeWithJob(t.Context(), c, j))
		out = append(out, j)
	}
	return out
}

func (s suite) jobClaim(t *testing.T) {
	st := s.open(t)
	jobs := jobQueue(t, st, 3*time.Minute, time.Minute, 2*time.Minute)
	now := at(time.Hour)
	cases := []struct {
		name     string
		at       time.Time
		limit    int
		want     []*models.Job
		attempts int
	}{
		{"oldest first", now, 2, []*models.Job{jobs[1], jobs[2]}, 1},
		{"the rest", now, 10, []*models.Job{jobs[0]}, 1},
		{"leased", now.Add(jobLease - time.Millisecond), 10, nil, 0},
		{"lease over", now.Add(jobLease), 10, []*models.Job{jobs[1], jobs[2], jobs[0]}, 2},
	}
	for _, c := range cases {
		got, ids := claimJobs(t, st, c.at, c.limit)
		var want []string
		for _, j := range c.want {
			want = append(want, j.ID)
		}
		if !slices.Equal(ids, want) {
			t.Fatalf("ClaimJobs(%s) = %v, want %v", c.name, ids, want)
		}
		for i, j := range c.want {
			claim := claimedJob(j, c.at)
			claim.Attempts = c.attempts
			assertSame(t, "job claimed ("+c.name+")", claim, got[i])
		}
	}
}

func (s suite) jobComplete(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	jobs := jobQueue(t, st, time.Minute, 2*time.Minute)
	now := at(time.Hour)
	claimJobs(t, st, now, 10)
	must(t, "CompleteJob", st.CompleteJob(ctx, jobs[0].ID, now.Add(time.Second)))
	if _, ids := claimJobs(t, st, at(365*24*time.Hour), 10); !slices.Equal(ids, []string{jobs[1].ID}) {
		t.Errorf("ClaimJobs after CompleteJob = %v, want only the unfinished %s", ids, jobs[1].ID)
	}
	assertCode(t, "CompleteJob of an unknown job", st.CompleteJob(ctx, "jb-nothing", now), models.CodeNotFound)
}

func (s suite) jobFail(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	j := jobQueue(t, st, time.Minute)[0]
	now := at(time.Hour)
	claimJobs(t, st, now, 10)
	retry := now.Add(10 * time.Minute)
	must(t, "FailJob", st.FailJob(ctx, j.ID, "search index unavailable", retry))
	if _, ids := claimJobs(t, st, retry.Add(-time.Millisecond), 10); len(ids) != 0 {
		t.Errorf("ClaimJobs before the retry = %v, want none", ids)
	}
	got, _ := claimJobs(t, st, retry, 10)
	if len(got) != 1 {
		t.Fatalf("ClaimJobs at the retry = %d jobs, want 1", len(got))
	}
	want := claimedJob(j, retry)
	want.Attempts, want.LastError = 2, "search index unavailable"
	assertSame(t, "job claimed again", want, got[0])
	assertCode(t, "FailJob of an unknown job", st.FailJob(ctx, "jb-nothing", "x", now), models.CodeNotFound)
}
