package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// multiConverge is how soon a write through one instance must show through another.
const multiConverge = 2 * time.Second

// startPair starts two instances on one MongoDB database, each with its own data dir (and search index), and
// one key directory between them, both sending mail to mb.
func startPair(t *testing.T, mb *mailbox) (a, b *Instance) {
	t.Helper()
	uri := mongoTarget(t)
	db := freshDatabaseName(t, uri)
	keys := t.TempDir()
	for _, in := range []**Instance{&a, &b} {
		cfg := testConfig(t.TempDir())
		cfg.MongoURI, cfg.MongoDatabase, cfg.KeysDir = uri, db, keys
		cfg.SMTP.Addr, cfg.SMTP.TLS = mb.addr, "none"
		*in, _, _ = startInstance(t, cfg)
	}
	return a, b
}

// baseURL is where the instance serves.
func (in *Instance) baseURL() string { return "http://" + in.Addr() }

// eventually retries check until it returns "" or multiConverge passes, then fails with its last complaint.
func eventually(t *testing.T, what string, check func() string) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		msg := check()
		if msg == "" {
			return time.Since(start)
		}
		if time.Since(start) > multiConverge {
			t.Fatalf("%s: not within %v: %s", what, multiConverge, msg)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// searchHas reports whether a member search for q through base lists the member.
func searchHas(t *testing.T, base, q, memberID string) bool {
	t.Helper()
	st, out := get(t, base+"/api/v1/members?q="+url.QueryEscape(q), "")
	if st != http.StatusOK {
		t.Fatalf("search %q: %d %v", q, st, out)
	}
	items, _ := out["items"].([]any)
	for _, it := range items {
		if m, _ := it.(map[string]any); m["id"] == memberID {
			return true
		}
	}
	return false
}

// TestTwoInstancesShareOneMongoDB runs two instances on one MongoDB (the FerretDB test server under make
// test): a profile published through either is searchable through the other within two seconds, and so is its
// deletion; a token issued by one is accepted by the other, a refresh token works through either, once, and a
// notification written through one reaches a live stream held by the other.
func TestTwoInstancesShareOneMongoDB(t *testing.T) {
	mb := startMailbox(t)
	inA, inB := startPair(t, mb)
	a, b := inA.baseURL(), inB.baseURL()
	const pw = "Correct-horse-42!"
	publish := func(base, email, name, headline string) (token, id string) {
		t.Helper()
		st, out := post(t, base+"/api/v1/auth/register", map[string]any{"email": email, "password": pw, "name": name, "kind": "expert"}, "")
		if st != http.StatusCreated {
			t.Fatalf("register %s: %d %v", email, st, out)
		}
		token, id = login(t, base, email, pw), out["member_id"].(string)
		if st, out := patch(t, base+"/api/v1/members/"+id, map[string]any{"version": 1, "headline": headline,
			"description": "Nghiên cứu và triển khai " + headline + " cho các đô thị lớn, với nhiều dự án thực tế tại Hà Nội.",
			"skills":      []string{"thị giác máy tính"}, "sectors": []string{"mobility"}}, token); st != http.StatusOK {
			t.Fatalf("profile %s: %d %v", email, st, out)
		}
		if st, out := post(t, base+"/api/v1/members/"+id+"/publish", nil, token); st != http.StatusOK {
			t.Fatalf("publish %s: %d %v", email, st, out)
		}
		return token, id
	}

	tokenA, idA := publish(a, "quang@example.test", "TS. Phạm Quang", "đo đạc thủy văn sông Hồng")
	took := eventually(t, "published through A, searched through B", func() string {
		if !searchHas(t, b, "thủy văn", idA) {
			return "B does not find " + idA
		}
		return ""
	})
	t.Logf("A's write searchable through B after %v", took)

	_, idB := publish(b, "lan@example.test", "ThS. Trần Lan", "dự báo chất lượng không khí")
	took = eventually(t, "published through B, searched through A", func() string {
		if !searchHas(t, a, "không khí", idB) {
			return "A does not find " + idB
		}
		return ""
	})
	t.Logf("B's write searchable through A after %v", took)

	if st, me := get(t, b+"/api/v1/auth/me", tokenA); st != http.StatusOK || me["member_id"] != idA {
		t.Fatalf("B refused the access token A issued: %d %v", st, me)
	}

	// A notification written through A reaches a live stream held by B (B polls the store).
	_, me := get(t, a+"/api/v1/auth/me", tokenA)
	events := openStream(t, b, tokenA)
	n := &models.Notification{AccountID: me["id"].(string), Key: "multi:test", Type: models.NotifyChallengeMatch,
		Title: "Thông báo qua phiên bản A", ChallengeID: "ch-multi", Score: 70, CreatedAt: time.Now().UTC()}
	if _, err := inA.Store.AddNotifications(t.Context(), []*models.Notification{n}); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-events:
		if ev["title"] != n.Title {
			t.Errorf("B's stream sent %v, want the notification written through A", ev)
		}
	case <-time.After(4 * time.Second):
		t.Error("B's stream did not send the notification written through A")
	}

	// Sessions need no stickiness: a refresh token from a sign-in through A is used through B, once.
	st, session := post(t, a+"/api/v1/auth/login", map[string]any{"email": "lan@example.test", "password": pw}, "")
	if st != http.StatusOK {
		t.Fatalf("login through A: %d %v", st, session)
	}
	refresh := map[string]any{"refresh_token": session["refresh_token"]}
	if st, out := post(t, b+"/api/v1/auth/refresh", refresh, ""); st != http.StatusOK || out["access_token"] == nil {
		t.Fatalf("refresh through B: %d %v", st, out)
	}
	if st, _ := post(t, a+"/api/v1/auth/refresh", refresh, ""); st != http.StatusUnauthorized {
		t.Errorf("the refresh token used through B was accepted again through A: %d", st)
	}

	req, _ := http.NewRequest(http.MethodDelete, a+"/api/v1/members/"+idA, nil)
	if st, out := do(t, req, tokenA); st != http.StatusNoContent {
		t.Fatalf("delete through A: %d %v", st, out)
	}
	took = eventually(t, "deleted through A, gone from both indexes", func() string {
		// Search lists members read from the store, which leaves the deleted one out at once: the index
		// itself is what must converge. Each holds B's member only.
		for name, in := range map[string]*Instance{"A": inA, "B": inB} {
			if n, err := in.Index.DocCount(); err != nil || n != 1 {
				return fmt.Sprintf("%s's index holds %d documents (%v), want 1", name, n, err)
			}
		}
		return ""
	})
	t.Logf("A's delete applied to B's index after %v", took)
	if searchHas(t, b, "thủy văn", idA) {
		t.Error("B still lists the deleted member")
	}
	if !searchHas(t, b, "không khí", idB) {
		t.Error("B lost the member it published")
	}
}

// messageIDs counts the Message-ID headers of msgs.
func messageIDs(msgs []string) map[string]int {
	out := map[string]int{}
	for _, m := range msgs {
		if id := messageIDHeader.FindStringSubmatch(m); id != nil {
			out[id[1]]++
		}
	}
	return out
}

var messageIDHeader = regexp.MustCompile(`(?im)^Message-ID:\s*(\S+)`)

// TestTwoInstancesSendEachMailOnce registers accounts through two instances at once, each registration
// enqueueing a verification mail, while both instances' outbox workers claim: each mail arrives once. The
// claims need updates that are atomic across clients, which FerretDB's are not: the test runs against a real
// MongoDB (MONGODB_URI) only.
func TestTwoInstancesSendEachMailOnce(t *testing.T) {
	if os.Getenv("MONGODB_URI") == "" {
		t.Skip("needs MONGODB_URI (a real MongoDB): FerretDB's updates are not atomic across clients, so two instances can both lease one mail")
	}
	mb := startMailbox(t)
	inA, inB := startPair(t, mb)
	a, b := inA.baseURL(), inB.baseURL()
	const accounts = 8
	var wg sync.WaitGroup
	for i := range accounts {
		base := []string{a, b}[i%2]
		wg.Go(func() {
			st, out := post(t, base+"/api/v1/auth/register", map[string]any{"email": fmt.Sprintf("user%d@example.test", i),
				"password": "Correct-horse-42!", "name": fmt.Sprintf("Người dùng %d", i), "kind": "expert"}, "")
			if st != http.StatusCreated {
				t.Errorf("register %d: %d %v", i, st, out)
			}
		})
	}
	wg.Wait()
	mb.wait(t, accounts, 30*time.Second)
	time.Sleep(6 * time.Second) // longer than the outbox poll: a double send would have happened by now
	mb.mu.Lock()
	ids := messageIDs(mb.msgs)
	total := len(mb.msgs)
	mb.mu.Unlock()
	if total != accounts || len(ids) != accounts {
		t.Errorf("%d mails with %d Message-IDs arrived, want %d, each once", total, len(ids), accounts)
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("mail %s arrived %d times", id, n)
		}
	}
}
