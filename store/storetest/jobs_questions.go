package storetest

import (
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) questionJobTests() []test {
	return []test{
		{"Create", s.jobWithNewQuestion},
		{"CreateFails", s.jobWithNewQuestionFails},
		{"Update", s.jobWithQuestionUpdate},
		{"UpdateFails", s.jobWithQuestionUpdateFails},
	}
}

func (s suite) jobWithNewQuestion(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	q := question("qa-1", "ch-1", "ac-1", 1)
	j := job("", models.JobQuestionAsked, "qa-1", at(time.Hour))
	must(t, "CreateQuestionWithJob", st.CreateQuestionWithJob(ctx, q, j))
	if q.Version != 1 || j.ID == "" {
		t.Fatalf("CreateQuestionWithJob: version %d and job id %q, want 1 and an id", q.Version, j.ID)
	}
	got, err := st.Question(ctx, "qa-1")
	must(t, "Question", err)
	assertSame(t, "Question after CreateQuestionWithJob", q, got)
	now := at(2 * time.Hour)
	jobs, _ := claimJobs(t, st, now, 10)
	if len(jobs) != 1 {
		t.Fatalf("ClaimJobs = %d jobs, want the one written with the question", len(jobs))
	}
	assertSame(t, "claimed job", claimedJob(j, now), jobs[0])
}

func (s suite) jobWithNewQuestionFails(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	first := question("qa-1", "ch-1", "ac-1", 1)
	must(t, "CreateQuestionWithJob", st.CreateQuestionWithJob(ctx, first, job("jb-taken", models.JobQuestionAsked, "qa-1", at(0))))
	claimJobs(t, st, at(0), 10)
	must(t, "CompleteJob", st.CompleteJob(ctx, "jb-taken", at(0)))
	assertCode(t, "CreateQuestionWithJob with a taken question id",
		st.CreateQuestionWithJob(ctx, question("qa-1", "ch-2", "ac-2", 2), job("", models.JobQuestionAsked, "qa-1", at(0))), models.CodeConflict)
	assertNoJob(t, st, "CreateQuestionWithJob with a taken question id")
	assertCode(t, "CreateQuestionWithJob with a taken job id",
		st.CreateQuestionWithJob(ctx, question("qa-2", "ch-1", "ac-2", 2), job("jb-taken", models.JobQuestionAsked, "qa-2", at(0))), models.CodeConflict)
	assertNoJob(t, st, "CreateQuestionWithJob with a taken job id")
	_, err := st.Question(ctx, "qa-2")
	assertCode(t, "Question whose job id was taken", err, models.CodeNotFound)
	got, err := st.Question(ctx, "qa-1")
	must(t, "Question", err)
	assertSame(t, "Question after failed creations", first, got)
}

func (s suite) jobWithQuestionUpdate(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	q := question("qa-1", "ch-1", "ac-1", 1)
	must(t, "CreateQuestion", st.CreateQuestion(ctx, q))
	q.Answer, q.AnsweredBy, q.AnsweredAt = "Có, qua API mở.", "ac-agency", ptr(at(2*time.Hour))
	j := job("jb-1", models.JobQuestionAnswered, "qa-1", at(2*time.Hour))
	must(t, "UpdateQuestionWithJob", st.UpdateQuestionWithJob(ctx, q, j))
	if q.Version != 2 {
		t.Fatalf("UpdateQuestionWithJob: version %d, want 2", q.Version)
	}
	got, err := st.Question(ctx, "qa-1")
	must(t, "Question", err)
	assertSame(t, "Question after UpdateQuestionWithJob", q, got)
	now := at(3 * time.Hour)
	jobs, _ := claimJobs(t, st, now, 10)
	if len(jobs) != 1 {
		t.Fatalf("ClaimJobs = %d jobs, want the one written with the question", len(jobs))
	}
	assertSame(t, "claimed job", claimedJob(j, now), jobs[0])
}

func (s suite) jobWithQuestionUpdateFails(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	q := question("qa-1", "ch-1", "ac-1", 1)
	must(t, "CreateQuestion", st.CreateQuestion(ctx, q))
	stale := *q
	q.Answer, q.AnsweredBy, q.AnsweredAt = "Có.", "ac-agency", ptr(at(2*time.Hour))
	must(t, "UpdateQuestion", st.UpdateQuestion(ctx, q))
	stale.Answer = "lost update"
	assertCode(t, "UpdateQuestionWithJob from a stale version",
		st.UpdateQuestionWithJob(ctx, &stale, job("", models.JobQuestionAnswered, "qa-1", at(0))), models.CodeConflict)
	if stale.Version != 1 {
		t.Errorf("a failed UpdateQuestionWithJob changed the version to %d", stale.Version)
	}
	assertNoJob(t, st, "UpdateQuestionWithJob from a stale version")
	got, err := st.Question(ctx, "qa-1")
	must(t, "Question", err)
	assertSame(t, "Question after a stale UpdateQuestionWithJob", q, got)

	missing := question("qa-missing", "ch-9", "ac-9", 1)
	missing.Version = 1
	assertCode(t, "UpdateQuestionWithJob of a missing question",
		st.UpdateQuestionWithJob(ctx, missing, job("", models.JobQuestionAnswered, "qa-missing", at(0))), models.CodeNotFound)
	assertNoJob(t, st, "UpdateQuestionWithJob of a missing question")
}
