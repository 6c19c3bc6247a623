package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestMassAssignmentIsRefused: fields a client must not set (who owns a profile, whether it is verified or
// published, its kind, an account's role, who posted a challenge) are refused as unknown fields, and nothing
// is written.
func TestMassAssignmentIsRefused(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	u := e.register("mass@example.test", models.KindStartup, "Công ty Gán Hàng Loạt")
	agency := e.register("mass-agency@example.test", models.KindAgency, "Sở Gán")
	e.verify(admin, agency.memberID)
	ch := e.draftChallenge(agency)
	member := "/api/v1/members/" + u.memberID
	for _, field := range []string{`"verification": "verified"`, `"status": "published"`, `"owner_ids": ["acc-x"]`,
		`"kind": "agency"`, `"id": "st-other"`, `"version": 1, "created_at": "2020-01-01T00:00:00Z"`} {
		body := `{"headline": "x", "version": 1, ` + field + `}`
		if strings.Contains(field, `"version"`) {
			body = `{"headline": "x", ` + field + `}`
		}
		if r := e.call("PATCH", member, body, u.token); r.status != http.StatusBadRequest {
			t.Errorf("PATCH member with %s: %d %s", field, r.status, r.body)
		}
	}
	m := e.call("GET", member, nil, u.token).json()
	if m["verification"] == "verified" || m["status"] != "draft" || m["kind"] != "startup" || m["version"].(float64) != 1 {
		t.Errorf("the member was changed: %v", m)
	}
	for _, field := range []string{`"posted_by": "` + u.memberID + `"`, `"status": "open"`, `"id": "ch-other"`} {
		body := `{"title": "Tiêu đề bị sửa bằng gán hàng loạt", "version": 1, ` + field + `}`
		if r := e.call("PATCH", "/api/v1/challenges/"+ch, body, agency.token); r.status != http.StatusBadRequest {
			t.Errorf("PATCH challenge with %s: %d %s", field, r.status, r.body)
		}
	}
	if c := e.call("GET", "/api/v1/challenges/"+ch, nil, agency.token).json(); c["status"] != "draft" || c["posted_by"] != agency.memberID {
		t.Errorf("the challenge was changed: %v", c)
	}
	r := e.call("POST", "/api/v1/auth/register", `{"email": "root@example.test", "password": "`+password+`", "name": "Root", "kind": "expert", "role": "admin"}`, "")
	if r.status != http.StatusBadRequest || !contains(r.pointers(), "/role") {
		t.Errorf("register with a role: %d %s", r.status, r.body)
	}
}

// TestNoExcessiveDataExposure: what visitors and other members read never carries secrets or bookkeeping
// (password hashes, owners, tokens) nor a contact detail its owner keeps private.
func TestNoExcessiveDataExposure(t *testing.T) {
	e := newEnv(t)
	owner := e.register("secret-owner@example.test", models.KindExpert, "Chuyên gia Kín Đáo")
	other := e.register("reader@example.test", models.KindStartup, "Công ty Đọc")
	path := "/api/v1/members/" + owner.memberID
	if r := e.call("PATCH", path, map[string]any{"version": 1, "headline": "Quan trắc chất lượng không khí", "contact": map[string]any{
		"email": "hidden-mail@kin.example.vn", "email_visibility": "private", "phone": "0987654321", "phone_visibility": "private"}}, owner.token); r.status != http.StatusOK {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	e.publish(owner)
	e.settle()
	forbidden := []string{"password_hash", "owner_ids", "unsubscribe_token", "hidden-mail@kin.example.vn", "0987654321",
		"secret-owner@example.test", "refresh_token", "$argon2"}
	for _, token := range []string{"", other.token} {
		for _, p := range []string{path, "/api/v1/members?q=quan+trac&facets=kind,sector", "/api/v1/suggest?q=chuyen",
			"/api/v1/stats", "/api/v1/challenges"} {
			r := e.call("GET", p, nil, token)
			if r.status != http.StatusOK {
				t.Fatalf("GET %s: %d", p, r.status)
			}
			if !json.Valid(r.body) {
				t.Fatalf("GET %s: not JSON", p)
			}
			for _, f := range forbidden {
				if strings.Contains(string(r.body), f) {
					t.Errorf("GET %s (signed in: %v) shows %q: %s", p, token != "", f, r.body)
				}
			}
		}
	}
	me := e.call("GET", "/api/v1/auth/me", nil, owner.token)
	for _, f := range []string{"password_hash", "$argon2", "refresh"} {
		if strings.Contains(string(me.body), f) {
			t.Errorf("/auth/me shows %q", f)
		}
	}
}

// TestSecurityHeadersEverywhere: API answers, problems and the web app all carry the security headers and a
// strict Content-Security-Policy.
func TestSecurityHeadersEverywhere(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/api/v1/sectors", "/api/v1/members/nobody", "/api/v1/nothing-here", "/", "/members/st-x"} {
		r := e.call("GET", p, nil, "")
		h := r.header
		csp := h.Get("Content-Security-Policy")
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") == "" ||
			!strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("GET %s (%d): headers %v", p, r.status, h)
		}
	}
}

// TestResourceLimits: an over-long query, an over-large page and an oversized body are refused with the
// field at fault, quickly.
func TestResourceLimits(t *testing.T) {
	e := newEnv(t)
	for p, field := range map[string]string{
		"/api/v1/members?q=" + strings.Repeat("a", 1001):    "q",
		"/api/v1/challenges?q=" + strings.Repeat("b", 1001): "q",
		"/api/v1/suggest?q=" + strings.Repeat("c", 300):     "q",
		"/api/v1/members?per_page=101":                      "per_page",
		"/api/v1/members?page=0":                            "page",
	} {
		r := e.call("GET", p, nil, "")
		if r.status != http.StatusBadRequest || !contains(r.pointers(), field) {
			t.Errorf("GET %s: %d %v, want 400 on %s", p[:min(len(p), 60)], r.status, r.pointers(), field)
		}
	}
	if r := e.call("POST", "/api/v1/auth/login", `{"email": "`+strings.Repeat("x", 80<<10)+`", "password": "x"}`, ""); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversized body: %d", r.status)
	}
}
