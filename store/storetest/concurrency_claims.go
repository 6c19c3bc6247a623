package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// claimBacklog is how many mails or jobs the claim races share out; it also bounds the claims of each client,
// so that a store that claims the same one again and again fails the test instead of looping.
const claimBacklog = 24

// claimLease is the lease of the claim races. Each backlog is raced three times: at first (each claimed
// once), while the leases run (none claimed), and after they ran out (each claimed once again).
const claimLease = time.Minute

func (s suite) raceClaimMail(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	var mails []*models.OutboxMail
	for i := range claimBacklog {
		mails = append(mails, mail(fmt.Sprintf("ml-%d", i), fmt.Sprintf("k-%d", i)))
	}
	must(t, "EnqueueMail", st.EnqueueMail(ctx, mails))
	raceLeases(t, "ClaimMail", func(now time.Time) ([]string, error) {
		got, err := st.ClaimMail(ctx, now, claimLease, 2)
		var ids []string
		for _, m := range got {
			ids = append(ids, m.ID)
		}
		return ids, err
	})
}

func (s suite) raceClaimJobs(t *testing.T) {
	st := s.concurrent(t)
	var created []time.Duration
	for i := range claimBacklog {
		created = append(created, time.Duration(i)*time.Second)
	}
	jobQueue(t, st, created...)
	raceLeases(t, "ClaimJobs", func(now time.Time) ([]string, error) {
		got, err := st.ClaimJobs(t.Context(), now, claimLease, 2)
		var ids []string
		for _, j := range got {
			ids = append(ids, j.ID)
		}
		return ids, err
	})
}

// raceLeases races claimers over the backlog at first, while the leases run and after they ran out.
func raceLeases(t *testing.T, what string, claim func(now time.Time) ([]string, error)) {
	t.Helper()
	first := at(time.Hour)
	assertSharedOut(t, what, claimBacklog)(raceClaims(first, claim))
	assertSharedOut(t, what+" while leased", 0)(raceClaims(first.Add(claimLease/2), claim))
	assertSharedOut(t, what+" after the leases ran out", claimBacklog)(raceClaims(first.Add(2*claimLease), claim))
}

// raceClaims runs the claimers at now until each finds nothing, and returns their errors and claims.
func raceClaims(now time.Time, claim func(now time.Time) ([]string, error)) ([]error, [][]string) {
	claims := make([][]string, clients)
	errs := race(func(i int) error {
		for range claimBacklog {
			got, err := claim(now)
			if err != nil || len(got) == 0 {
				return err
			}
			claims[i] = append(claims[i], got...)
		}
		return nil
	})
	return errs, claims
}

// assertSharedOut returns a check that the racing claimers claimed want of the backlog, each exactly once.
func assertSharedOut(t *testing.T, what string, want int) func(errs []error, claims [][]string) {
	return func(errs []error, claims [][]string) {
		t.Helper()
		owner := map[string]int{}
		for i, ids := range claims {
			must(t, what, errs[i])
			for _, id := range ids {
				if o, ok := owner[id]; ok {
					t.Errorf("%s: %s was claimed by clients %d and %d", what, id, o, i)
				}
				owner[id] = i
			}
		}
		if len(owner) != want {
			t.Errorf("%s: %d claimed, want %d", what, len(owner), want)
		}
	}
}

func (s suite) raceAddNotification(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	stored := make([]int, clients)
	errs := race(func(i int) error {
		got, err := st.AddNotifications(ctx, []*models.Notification{
			notification("ac-1", "match:ch-1:st-1", func(n *models.Notification) { n.Title = fmt.Sprintf("writer %d", i) }),
		})
		stored[i] = len(got)
		return err
	})
	n := 0
	for i := range clients {
		must(t, "AddNotifications", errs[i])
		n += stored[i]
	}
	_, total, err := st.ListNotifications(ctx, "ac-1", models.Page{})
	must(t, "ListNotifications", err)
	if n != 1 || total != 1 {
		t.Errorf("%d racing AddNotifications of one key stored %d (listed %d), want exactly 1", clients, n, total)
	}
}

func (s suite) raceUpdateWithJob(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	must(t, "CreateChallenge", st.CreateChallenge(ctx, challenge("ch-1")))
	errs := race(func(i int) error {
		c := challenge("ch-1", func(c *models.Challenge) { c.Title, c.Version = fmt.Sprintf("writer %d", i), 1 })
		return st.UpdateChallengeWithJob(ctx, c, job(fmt.Sprintf("jb-%d", i), models.JobChallengePublished, "ch-1", at(0)))
	})
	winner := assertOneWinner(t, "UpdateChallengeWithJob", errs)
	_, ids := claimJobs(t, st, at(365*24*time.Hour), 100)
	if want := fmt.Sprintf("jb-%d", winner); len(ids) != 1 || ids[0] != want {
		t.Errorf("after racing UpdateChallengeWithJob: jobs %v, want only the winner's %s", ids, want)
	}
}
