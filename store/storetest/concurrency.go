package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// clients is how many goroutines race in each concurrency test.
const clients = 8

func (s suite) concurrencyTests() []test {
	return []test{
		{"UpdateMember", s.raceUpdateMember},
		{"UseRefreshToken", s.raceUseToken},
		{"Register", s.raceRegister},
		{"UpsertMembers", s.raceUpsert},
		{"ClaimMail", s.raceClaimMail},
		{"ClaimJobs", s.raceClaimJobs},
		{"AddNotifications", s.raceAddNotification},
		{"UpdateChallengeWithJob", s.raceUpdateWithJob},
	}
}

// race runs f in clients goroutines released at once, and returns their errors.
func race(f func(i int) error) []error {
	errs := make([]error, clients)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			<-start
			errs[i] = f(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// concurrent skips the test unless the backend is atomic under concurrent clients.
func (s suite) concurrent(t *testing.T) models.Store {
	t.Helper()
	if !s.caps.Concurrency {
		t.Skip("the backend does not make conditional updates atomic under concurrent clients (Capabilities.Concurrency)")
	}
	return s.open(t)
}

func (s suite) raceUpdateMember(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	must(t, "CreateMember", st.CreateMember(ctx, member("st-1")))
	errs := race(func(i int) error {
		m := member("st-1", func(m *models.Member) { m.Name, m.Version = fmt.Sprintf("writer %d", i), 1 })
		return st.UpdateMember(ctx, m)
	})
	winner := assertOneWinner(t, "UpdateMember", errs)
	got, err := st.Member(ctx, "st-1")
	must(t, "Member", err)
	if want := fmt.Sprintf("writer %d", winner); got.Version != 2 || got.Name != want {
		t.Errorf("after the race: version %d name %q, want 2 %q", got.Version, got.Name, want)
	}
}

func (s suite) raceUseToken(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	must(t, "CreateAccount", st.CreateAccount(ctx, account("ac-1", "lan@example.vn")))
	must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, token("rt-1", "ac-1", "fam-1")))
	used := make([]bool, clients)
	errs := race(func(i int) (err error) {
		used[i], err = st.UseRefreshToken(ctx, "rt-1", at(0))
		return err
	})
	n := 0
	for i := range clients {
		must(t, "UseRefreshToken", errs[i])
		if used[i] {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d concurrent UseRefreshToken reported true %d times, want once", clients, n)
	}
}

func (s suite) raceRegister(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	errs := race(func(i int) error {
		return st.Register(ctx, account(fmt.Sprintf("ac-%d", i), "lan@example.vn"), member(fmt.Sprintf("st-%d", i)))
	})
	winner := assertOneWinner(t, "Register", errs)
	list, total, err := st.ListMembers(ctx, models.MemberFilter{})
	must(t, "ListMembers", err)
	if total != 1 || len(list) != 1 || list[0].ID != fmt.Sprintf("st-%d", winner) {
		t.Errorf("after racing registrations: members %v, want only the winner's", memberIDs(list))
	}
}

func (s suite) raceUpsert(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	errs := race(func(i int) error {
		return st.UpsertMembers(ctx, []*models.Member{member("st-1"), member(fmt.Sprintf("st-own-%d", i))})
	})
	for _, err := range errs {
		must(t, "UpsertMembers", err)
	}
	got, err := st.Member(ctx, "st-1")
	must(t, "Member", err)
	_, total, err := st.ListMembers(ctx, models.MemberFilter{})
	must(t, "ListMembers", err)
	if got.Version != clients || total != clients+1 {
		t.Errorf("after %d racing upserts: version %d and %d members, want %d and %d", clients, got.Version, total, clients, clients+1)
	}
}

// assertOneWinner checks that exactly one error is nil and the others are conflicts, and returns the winner.
func assertOneWinner(t *testing.T, what string, errs []error) int {
	t.Helper()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("%s: clients %d and %d both succeeded", what, winner, i)
		case err == nil:
			winner = i
		case models.ErrorCode(err) != models.CodeConflict:
			t.Errorf("%s: client %d: want a conflict, got %v", what, i, err)
		}
	}
	if winner < 0 {
		t.Fatalf("%s: no client succeeded", what)
	}
	return winner
}
