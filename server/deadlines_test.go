package server_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func TestDeadlineClosesAChallenge(t *testing.T) {
	e := newEnv(t)
	// Noon in Hanoi, so that "today" is the same day in Hanoi and in UTC.
	e.clock.mu.Lock()
	e.clock.now = time.Date(2027, 3, 10, 5, 0, 0, 0, time.UTC)
	e.clock.mu.Unlock()
	admin := e.admin()
	agency, ch := e.openChallenge(admin, "agency@example.test")
	startup := e.register("s@example.test", models.KindStartup, "Công ty S")
	expert := e.register("x@example.test", models.KindExpert, "Chuyên gia X")

	if r := e.call("PATCH", "/api/v1/challenges/"+ch, map[string]any{"deadline": "2027-03-09", "version": 2}, agency.token); r.status != http.StatusBadRequest || !contains(r.pointers(), "/deadline") {
		t.Errorf("a deadline in the past: %d %v, want 400 naming /deadline", r.status, r.pointers())
	}
	if r := e.call("PATCH", "/api/v1/challenges/"+ch, map[string]any{"deadline": "2027-02-30", "version": 2}, agency.token); r.status != http.StatusBadRequest {
		t.Errorf("a deadline that is no date: %d, want 400", r.status)
	}
	r := e.call("PATCH", "/api/v1/challenges/"+ch, map[string]any{"deadline": "2027-03-11", "version": 2}, agency.token)
	if r.status != http.StatusOK || r.json()["closes_at"] != "2027-03-11T17:00:00Z" || r.json()["accepting_responses"] != true {
		t.Fatalf("set the deadline: %d %s", r.status, r.body)
	}

	// The last minute of the deadline day in Hanoi still takes responses; the next does not, before any worker.
	e.clock.Advance(36*time.Hour - time.Minute) // 2027-03-11 23:59 Hanoi
	startup, expert = e.login(startup.email, password), e.login(expert.email, password)
	if r := e.call("POST", "/api/v1/challenges/"+ch+"/interests", map[string]any{"kind": "interest"}, startup.token); r.status != http.StatusCreated {
		t.Fatalf("interest on the deadline day: %d %s", r.status, r.body)
	}
	e.clock.Advance(time.Minute)
	if r := e.call("POST", "/api/v1/challenges/"+ch+"/interests", map[string]any{"kind": "interest"}, expert.token); r.status != http.StatusConflict {
		t.Errorf("interest after the deadline: %d %s, want 409", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/challenges/"+ch+"/questions", map[string]any{"text": "Còn nhận hồ sơ không ạ?"}, expert.token); r.status != http.StatusConflict {
		t.Errorf("question after the deadline: %d, want 409", r.status)
	}
	got := e.call("GET", "/api/v1/challenges/"+ch, nil, "").json()
	if got["status"] != "open" || got["accepting_responses"] != false {
		t.Errorf("before the worker: status %v, accepting %v; want open and false", got["status"], got["accepting_responses"])
	}

	ctx := context.Background()
	before, err := e.store.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, err := e.svc.CloseExpired(ctx)
	if err != nil || n != 1 {
		t.Fatalf("CloseExpired: %d, %v; want 1", n, err)
	}
	if got := e.call("GET", "/api/v1/challenges/"+ch, nil, "").json(); got["status"] != "closed" || got["closed_at"] == nil {
		t.Errorf("after the worker: %v", got["status"])
	}
	changes, err := e.store.Changes(ctx, before, 10)
	if err != nil || len(changes) != 1 || changes[0].Challenge == nil || changes[0].Challenge.Status != models.ChallengeClosed {
		t.Errorf("the change feed after closing: %+v, %v", changes, err)
	}
	e.settle()
	if n, err := e.svc.CloseExpired(ctx); err != nil || n != 0 {
		t.Errorf("CloseExpired again: %d, %v; want 0", n, err)
	}
}

func TestPublishingAfterTheDeadlineIsRefused(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở A")
	e.verify(admin, agency.memberID)
	ch := e.draftChallenge(agency) // deadline in three months
	e.clock.Advance(120 * 24 * time.Hour)
	agency = e.login(agency.email, password)
	if r := e.call("POST", "/api/v1/challenges/"+ch+"/publish", nil, agency.token); r.status != http.StatusBadRequest || !contains(r.pointers(), "/deadline") {
		t.Errorf("publish past the deadline: %d %s, want 400 naming /deadline", r.status, r.body)
	}
}
