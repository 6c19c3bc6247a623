package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestAuthorizationMatrix tries every role against every write endpoint on an object that is not theirs.
func TestAuthorizationMatrix(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	victim := e.register("victim@example.test", models.KindStartup, "Công ty Nạn Nhân")
	e.publish(victim)
	stranger := e.register("stranger@example.test", models.KindExpert, "Người Lạ")
	agency := e.register("agency@example.test", models.KindAgency, "Sở Thử Nghiệm")
	e.verify(admin, agency.memberID)
	otherAgency := e.register("other-agency@example.test", models.KindAgency, "Sở Khác")
	e.verify(admin, otherAgency.memberID)
	unverified := e.register("unverified@example.test", models.KindAgency, "UBND phường Chưa Xác Minh")
	center := e.register("center@example.test", models.KindInnovationCenter, "Trung tâm Chờ")

	roles := map[string]string{
		"visitor": "", "stranger": stranger.token, "other agency": otherAgency.token, "unverified agency": unverified.token,
	}
	type endpoint struct {
		method, path string
		body         any
	}
	challenge := e.draftChallenge(agency)
	member := "/api/v1/members/" + victim.memberID
	endpoints := []endpoint{
		{"PATCH", member, map[string]any{"headline": "pwned", "version": 1}},
		{"DELETE", member, nil},
		{"POST", member + "/publish", nil},
		{"PATCH", "/api/v1/challenges/" + challenge, map[string]any{"title": "Bị sửa trái phép", "version": 1}},
		{"POST", "/api/v1/challenges/" + challenge + "/publish", nil},
		{"POST", "/api/v1/challenges/" + challenge + "/close", nil},
		{"GET", "/api/v1/admin/verifications", nil},
		{"GET", "/api/v1/admin/stats", nil},
		{"GET", "/api/v1/admin/export?type=members", nil},
		{"GET", "/api/v1/challenges/" + challenge + "/matches", nil},
		{"GET", "/api/v1/challenges/" + challenge + "/teams", nil},
		{"GET", "/api/v1/challenges/" + challenge + "/interests", nil},
		{"POST", "/api/v1/admin/verifications/" + center.memberID, map[string]any{"decision": "verify"}},
	}
	for role, token := range roles {
		for _, ep := range endpoints {
			t.Run(fmt.Sprintf("%s %s %s", role, ep.method, ep.path), func(t *testing.T) {
				r := e.call(ep.method, ep.path, ep.body, token)
				want := []int{http.StatusForbidden, http.StatusNotFound}
				if token == "" {
					want = []int{http.StatusUnauthorized}
				}
				if r.status != want[0] && (len(want) == 1 || r.status != want[1]) {
					t.Fatalf("got %d %s, want %v", r.status, r.body, want)
				}
			})
		}
	}
	// Nothing changed.
	if m := e.call("GET", member, nil, victim.token).json(); m["headline"] != nil || m["version"].(float64) != 2 {
		t.Fatalf("the victim's profile changed: %v", m)
	}
	if c := e.call("GET", "/api/v1/challenges/"+challenge, nil, agency.token).json(); c["status"] != "draft" || c["version"].(float64) != 1 {
		t.Fatalf("the challenge changed: %v", c)
	}
	if m := e.call("GET", "/api/v1/members/"+center.memberID, nil, admin.token).json(); m["verified"] != false {
		t.Fatalf("the center was verified by a non-admin: %v", m)
	}
	// Only agencies post challenges.
	for role, token := range map[string]string{"stranger": stranger.token, "startup": victim.token} {
		r := e.call("POST", "/api/v1/challenges", map[string]any{"title": "Một bài toán", "description": "Một mô tả đủ dài cho bài toán thử nghiệm."}, token)
		if r.status != http.StatusForbidden {
			t.Errorf("%s creates a challenge: %d", role, r.status)
		}
	}
	// A drafted challenge is invisible outside its agency.
	if r := e.call("GET", "/api/v1/challenges/"+challenge, nil, ""); r.status != http.StatusNotFound {
		t.Errorf("a visitor sees a draft challenge: %d", r.status)
	}
}

func TestStats(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở Thống Kê Thử")
	e.verify(admin, agency.memberID)
	e.publish(agency)
	e.publish(e.register("s@example.test", models.KindStartup, "Công ty Số"))
	c := e.draftChallenge(agency)
	e.call("POST", "/api/v1/challenges/"+c+"/publish", nil, agency.token)
	st := e.call("GET", "/api/v1/admin/stats", nil, admin.token)
	if st.status != http.StatusOK {
		t.Fatalf("stats: %d %s", st.status, st.body)
	}
	byKind := map[string]float64{}
	for _, c := range st.json()["members_by_kind"].([]any) {
		byKind[c.(map[string]any)["key"].(string)] = c.(map[string]any)["count"].(float64)
	}
	if byKind["agency"] != 1 || byKind["startup"] != 1 {
		t.Fatalf("members by kind: %v", byKind)
	}
	pub := e.call("GET", "/api/v1/stats", nil, "").json()
	if pub["open_challenges"].(float64) != 1 {
		t.Fatalf("public stats: %v", pub)
	}
}

func TestOnlyVerifiedAgenciesPublishTheirOwnChallenges(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở Giao thông Thử")
	challenge := e.draftChallenge(agency)
	publish := "/api/v1/challenges/" + challenge + "/publish"
	if r := e.call("POST", publish, nil, agency.token); r.status != http.StatusForbidden {
		t.Fatalf("an unverified agency publishes: %d %s", r.status, r.body)
	}
	pending := e.call("GET", "/api/v1/admin/verifications", nil, admin.token).json()
	if pending["total"].(float64) != 1 {
		t.Fatalf("pending verifications: %v", pending)
	}
	e.verify(admin, agency.memberID)
	r := e.call("POST", publish, nil, agency.token)
	if r.status != http.StatusOK || r.json()["status"] != "open" {
		t.Fatalf("a verified agency publishes: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/challenges?status=open", nil, ""); r.json()["total"].(float64) != 1 {
		t.Fatalf("the open challenge is not listed: %s", r.body)
	}
	r = e.call("POST", "/api/v1/challenges/"+challenge+"/close", map[string]any{"outcome": "awarded"}, agency.token)
	if r.status != http.StatusOK || r.json()["status"] != "awarded" {
		t.Fatalf("award: %d %s", r.status, r.body)
	}
	if r := e.call("POST", publish, nil, agency.token); r.status != http.StatusConflict {
		t.Fatalf("re-opening an awarded challenge: %d", r.status)
	}
}
