package server_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestClaimLinkWorksOnceUnderConcurrentUse sends one claim link from many clients at once: one account owns
// the profile, every other client is refused.
func TestClaimLinkWorksOnceUnderConcurrentUse(t *testing.T) {
	e := newEnv(t)
	mail := e.withMail(10)
	admin := e.admin()
	e.imported("st-race", "race@xanh.example")
	if r := e.call("POST", "/api/v1/admin/members/st-race/claim-invitation", nil, admin.token); r.status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.status, r.body)
	}
	secret := mail.token(t, "race@xanh.example", models.TokenClaimProfile)
	const clients = 8
	statuses := make([]int, clients)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range clients {
		wg.Go(func() {
			<-start
			statuses[i] = e.call("POST", "/api/v1/invitations/accept", map[string]any{"token": secret,
				"name": fmt.Sprintf("Người thứ %d", i), "password": password}, "").status
		})
	}
	close(start)
	wg.Wait()
	ok := 0
	for i, st := range statuses {
		switch st {
		case http.StatusOK:
			ok++
		case http.StatusBadRequest, http.StatusConflict:
		default:
			t.Errorf("client %d: %d", i, st)
		}
	}
	if ok != 1 {
		t.Fatalf("%d clients claimed the profile with one link (%v), want exactly 1", ok, statuses)
	}
	m, err := e.store.Member(t.Context(), "st-race")
	if err != nil || len(m.OwnerIDs) != 1 {
		t.Fatalf("owners %v, %v; want one", m.OwnerIDs, err)
	}
}
