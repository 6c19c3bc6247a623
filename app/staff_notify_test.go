package app

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestEveryStaffAccountIsNotified: an agency run by two accounts gets each interest and each question in both
// inboxes and both mailboxes; the expert's two owners both hear of the decision.
func TestEveryStaffAccountIsNotified(t *testing.T) {
	e := newDurableEnv(t)
	ctx := context.Background()
	now := e.clock.Now()
	for _, a := range []struct{ id, member string }{{"acc-ag2", "ag-1"}, {"acc-ex2", "ex-1"}} {
		if err := e.st.CreateAccount(ctx, &models.Account{ID: a.id, Email: a.id + "@example.test", Name: a.id, PasswordHash: "x",
			Role: models.RoleMember, MemberID: a.member, CreatedAt: now, PasswordChangedAt: now}); err != nil {
			t.Fatal(err)
		}
		m, err := e.st.Member(ctx, a.member)
		if err != nil {
			t.Fatal(err)
		}
		m.OwnerIDs = append(m.OwnerIDs, a.id)
		if err := e.st.UpdateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	in, err := e.svc.CreateInterest(ctx, e.expert, "ch-1", models.InterestOnly, "")
	if err != nil {
		t.Fatal(err)
	}
	q, err := e.svc.AskQuestion(ctx, e.expert, "ch-1", "Có dữ liệu camera lịch sử không?")
	if err != nil {
		t.Fatal(err)
	}
	e.runJobs()
	if _, err := e.svc.DecideInterest(ctx, e.agency, in.ID, models.InterestShortlisted, Expected{Any: true}); err != nil {
		t.Fatal(err)
	}
	e.runJobs()
	for _, account := range []string{"acc-ag", "acc-ag2"} {
		want := []string{"interest:" + in.ID + ":" + account, "question:" + q.ID + ":" + account}
		if got := e.keys(account); !slices.Equal(got, want) {
			t.Errorf("notifications of %s = %v, want %v", account, got, want)
		}
	}
	for _, account := range []string{"acc-ex", "acc-ex2"} {
		want := []string{"interest_status:" + in.ID + ":" + account + ":shortlisted"}
		if got := e.keys(account); !slices.Equal(got, want) {
			t.Errorf("notifications of %s = %v, want %v", account, got, want)
		}
	}
	want := map[string]string{}
	for _, account := range []string{"acc-ag", "acc-ag2"} {
		want["interest:"+in.ID+":"+account] = account + "@example.test"
		want["question:"+q.ID+":"+account] = account + "@example.test"
	}
	for _, account := range []string{"acc-ex", "acc-ex2"} {
		want["interest_status:"+in.ID+":"+account+":shortlisted"] = account + "@example.test"
	}
	if out := e.outbox(); !maps.Equal(out, want) {
		t.Errorf("outbox = %v, want %v", out, want)
	}
}
