package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestContactFieldsNeverLeaveWithoutTheOwnersChoice reads a member through every API that returns members and
// checks that its contact fields appear only where its visibility settings, or its response to a challenge,
// allow, and that every reveal to someone else is in the audit log.
func TestContactFieldsNeverLeaveWithoutTheOwnersChoice(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở Tài Nguyên")
	e.verify(admin, agency.memberID)
	owner := e.register("owner@example.test", models.KindStartup, "Công ty Cảm Biến Ngập Qwertzu")
	const email, phone, website = "secret-mail@example.test", "0912345678", "https://qwertzu.example.vn"
	r := e.call("PATCH", "/api/v1/members/"+owner.memberID, map[string]any{"version": 1,
		"skills": []string{"iot", "cảm biến"}, "sectors": []string{"water_flood"}, "headline": "Cảnh báo ngập úng bằng cảm biến IoT",
		"contact": map[string]any{"email": email, "email_visibility": "private", "phone": phone, "phone_visibility": "members",
			"website": website, "website_visibility": "public"}}, owner.token)
	if r.status != http.StatusOK {
		t.Fatalf("set contact: %d %s", r.status, r.body)
	}
	e.publish(owner)
	stranger := e.register("stranger@example.test", models.KindExpert, "Người Lạ")
	challenge := e.publishedChallenge(agency)
	e.settle()

	type view struct {
		name, path, token string
		// want lists the contact values that must appear; every other one of the three must not.
		want []string
	}
	member := "/api/v1/members/" + owner.memberID
	views := []view{
		{"profile, visitor", member, "", []string{website}},
		{"profile, member", member, stranger.token, []string{phone, website}},
		{"profile, agency", member, agency.token, []string{phone, website}},
		{"profile, owner", member, owner.token, []string{email, phone, website}},
		{"profile, admin", member, admin.token, []string{email, phone, website}},
		{"directory, member", "/api/v1/members?kind=startup", stranger.token, []string{website}},
		{"search, member", "/api/v1/members?q=qwertzu", stranger.token, []string{website}},
		{"search, admin", "/api/v1/members?q=qwertzu", admin.token, []string{website}},
		{"matches, agency", "/api/v1/challenges/" + challenge + "/matches", agency.token, []string{website}},
		{"teams, agency", "/api/v1/challenges/" + challenge + "/teams", agency.token, nil},
		{"export, admin", "/api/v1/admin/export?type=members&format=jsonl", admin.token, []string{website}},
		{"export csv, admin", "/api/v1/admin/export?type=members&format=csv", admin.token, []string{website}},
		{"responses before responding, agency", "/api/v1/challenges/" + challenge + "/interests", agency.token, nil},
	}
	check := func(v view) {
		t.Helper()
		r := e.call("GET", v.path, nil, v.token)
		if r.status != http.StatusOK {
			t.Errorf("%s: %d %s", v.name, r.status, r.body)
			return
		}
		for _, value := range []string{email, phone, website} {
			shown := strings.Contains(string(r.body), value)
			wanted := false
			for _, w := range v.want {
				wanted = wanted || w == value
			}
			if shown && !wanted {
				t.Errorf("%s: %q leaks", v.name, value)
			}
			if !shown && wanted && !strings.HasPrefix(v.name, "teams") {
				t.Errorf("%s: %q is missing: %s", v.name, value, r.body)
			}
		}
	}
	for _, v := range views {
		check(v)
	}
	if r := e.call("GET", "/api/v1/challenges/"+challenge+"/matches", nil, agency.token); !strings.Contains(string(r.body), owner.memberID) {
		t.Fatalf("the owner is not among the matches, so the check above proves nothing: %s", r.body)
	}

	// Responding to the challenge is the owner's choice to show its contact details to that agency only.
	if r := e.call("POST", "/api/v1/challenges/"+challenge+"/interests", map[string]any{"kind": "interest"}, owner.token); r.status != http.StatusCreated {
		t.Fatalf("interest: %d %s", r.status, r.body)
	}
	check(view{"responses after responding, agency", "/api/v1/challenges/" + challenge + "/interests", agency.token, []string{email, phone, website}})
	check(view{"profile after responding, member", member, stranger.token, []string{phone, website}})

	reveals := map[string]string{}
	for _, en := range e.auditEntries(admin, "action=contact.reveal&target="+owner.memberID) {
		d := en["details"].(map[string]any)
		reveals[en["actor"].(string)+" "+d["via"].(string)] = d["fields"].(string)
	}
	me := func(u user) string { return e.call("GET", "/api/v1/auth/me", nil, u.token).json()["id"].(string) }
	want := map[string]string{
		stranger.accountID + " profile": "phone",
		agency.accountID + " profile":   "phone",
		me(admin) + " profile":          "email,phone",
		agency.accountID + " interest":  "email,phone",
	}
	for k, fields := range want {
		if reveals[k] != fields {
			t.Errorf("reveal %q: fields %q, want %q (all: %v)", k, reveals[k], fields, reveals)
		}
	}
	for k := range reveals {
		if strings.HasPrefix(k, owner.accountID) || strings.HasSuffix(k, " search") {
			t.Errorf("a read that revealed nothing was audited: %s", k)
		}
	}
}
