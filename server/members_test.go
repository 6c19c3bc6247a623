package server_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestBadBodiesAreRefusedAndWriteNothing(t *testing.T) {
	e := newEnv(t)
	u := e.register("a@example.test", models.KindStartup, "Công ty A")
	path := "/api/v1/members/" + u.memberID
	cases := []struct {
		name    string
		body    string
		pointer string
	}{
		{"operator instead of a value", `{"name": {"$ne": null}, "version": 1}`, "/name"},
		{"unknown field", `{"headline": "x", "is_admin": true, "version": 1}`, "/is_admin"},
		{"malformed JSON", `{"headline": `, "/"},
		{"wrong type", `{"team_size": "many", "version": 1}`, "/team_size"},
		{"unknown sector", `{"sectors": ["space_mining"], "version": 1}`, "/sectors/0"},
		{"nothing to change", `{}`, "/"},
		{"no version at all", `{"headline": "x"}`, "/version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.call("PATCH", path, c.body, u.token)
			if r.status != http.StatusBadRequest || r.header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("got %d %q %s", r.status, r.header.Get("Content-Type"), r.body)
			}
			if c.pointer != "/" && !contains(r.pointers(), c.pointer) {
				t.Fatalf("pointers %v, want %s", r.pointers(), c.pointer)
			}
		})
	}
	m := e.call("GET", path, nil, u.token).json()
	if m["version"].(float64) != 1 || m["headline"] != nil {
		t.Fatalf("something was written: %v", m)
	}
	if r := e.call("PATCH", path, strings.Repeat(" ", 70<<10)+`{"headline":"x","version":1}`, u.token); r.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("a body over the limit: %d", r.status)
	}
	if r := e.call("GET", "/api/v1/members?per_page=100000", nil, ""); r.status != http.StatusBadRequest || !contains(r.pointers(), "per_page") {
		t.Fatalf("per_page over the cap: %d %s", r.status, r.body)
	}
}

func TestConcurrentUpdatesFromOneVersion(t *testing.T) {
	e := newEnv(t)
	u := e.register("c@example.test", models.KindStartup, "Công ty C")
	path := "/api/v1/members/" + u.memberID
	etag := e.call("GET", path, nil, u.token).header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	for _, via := range []string{"if-match", "body"} {
		t.Run(via, func(t *testing.T) {
			cur := e.call("GET", path, nil, u.token)
			etag, version := cur.header.Get("ETag"), cur.json()["version"]
			statuses := make([]int, 8)
			var wg sync.WaitGroup
			for i := range statuses {
				wg.Add(1)
				go func() {
					defer wg.Done()
					body := map[string]any{"headline": "Phiên bản " + string(rune('A'+i))}
					var r response
					if via == "if-match" {
						r = e.call("PATCH", path, body, u.token, "If-Match", etag)
					} else {
						body["version"] = version
						r = e.call("PATCH", path, body, u.token)
					}
					statuses[i] = r.status
				}()
			}
			wg.Wait()
			stale := http.StatusConflict
			if via == "if-match" {
				stale = http.StatusPreconditionFailed
			}
			ok := 0
			for _, s := range statuses {
				switch s {
				case http.StatusOK:
					ok++
				case stale:
				default:
					t.Fatalf("unexpected status %d in %v", s, statuses)
				}
			}
			if ok != 1 {
				t.Fatalf("%d updates won from one version (%v), want exactly 1", ok, statuses)
			}
		})
	}
}

func TestDraftsAndContactVisibility(t *testing.T) {
	e := newEnv(t)
	owner := e.register("owner@example.test", models.KindExpert, "Nguyễn Văn Chủ")
	other := e.register("other@example.test", models.KindStartup, "Công ty Khác")
	path := "/api/v1/members/" + owner.memberID
	if r := e.call("GET", path, nil, ""); r.status != http.StatusNotFound {
		t.Fatalf("a visitor sees a draft: %d", r.status)
	}
	if r := e.call("GET", path, nil, other.token); r.status != http.StatusNotFound {
		t.Fatalf("another member sees a draft: %d", r.status)
	}
	if r := e.call("GET", "/api/v1/members", nil, ""); r.json()["total"].(float64) != 0 {
		t.Fatalf("drafts are listed: %s", r.body)
	}
	r := e.call("PATCH", path, map[string]any{"version": 1, "contact": map[string]any{
		"phone": "0901234567", "phone_visibility": "members", "website": "https://chu.example.vn", "email_visibility": "private"}}, owner.token)
	if r.status != http.StatusOK {
		t.Fatalf("update contact: %d %s", r.status, r.body)
	}
	e.publish(owner)
	contact := func(token string) map[string]any {
		r := e.call("GET", path, nil, token)
		if r.status != http.StatusOK {
			t.Fatalf("get: %d", r.status)
		}
		c, _ := r.json()["contact"].(map[string]any)
		return c
	}
	if c := contact(""); c["phone"] != nil || c["email"] != nil || c["website"] != "https://chu.example.vn" {
		t.Fatalf("a visitor sees %v", c)
	}
	if c := contact(other.token); c["phone"] != "0901234567" || c["email"] != nil {
		t.Fatalf("a member sees %v", c)
	}
	if c := contact(owner.token); c["email"] != "owner@example.test" || c["phone"] == nil {
		t.Fatalf("the owner sees %v", c)
	}
	if r := e.call("GET", "/api/v1/members", nil, ""); r.json()["total"].(float64) != 1 {
		t.Fatalf("the published profile is not listed: %s", r.body)
	}
}
