package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// publishedChallenge creates and publishes a challenge as a verified agency.
func (e *env) publishedChallenge(agency user) string {
	e.t.Helper()
	id := e.draftChallenge(agency)
	if r := e.call("POST", "/api/v1/challenges/"+id+"/publish", nil, agency.token); r.status != http.StatusOK {
		e.t.Fatalf("publish challenge: %d %s", r.status, r.body)
	}
	return id
}

// auditEntries returns the audit entries that the admin reads with the query.
func (e *env) auditEntries(admin user, query string) []map[string]any {
	e.t.Helper()
	r := e.call("GET", "/api/v1/admin/audit?per_page=100&"+query, nil, admin.token)
	if r.status != http.StatusOK {
		e.t.Fatalf("audit %s: %d %s", query, r.status, r.body)
	}
	var out struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil {
		e.t.Fatal(err)
	}
	return out.Items
}

func TestConsentAtRegistrationAndLater(t *testing.T) {
	e := newEnv(t)
	without := e.register("plain@example.test", models.KindExpert, "Không Đồng Ý")
	consent := e.call("GET", "/api/v1/auth/me", nil, without.token).json()["consent"].(map[string]any)
	if consent["required"] != true || consent["current_version"] != models.PrivacyPolicyVersion || consent["policy_version"] != nil {
		t.Fatalf("consent of an account registered without it: %v", consent)
	}

	r := e.call("POST", "/api/v1/auth/register", map[string]any{"email": "old@example.test", "password": password,
		"name": "Phiên Bản Cũ", "kind": "startup", "privacy_policy_version": "2020-01-01"}, "")
	if r.status != http.StatusBadRequest || !slices.Contains(r.pointers(), "/privacy_policy_version") {
		t.Fatalf("register with an old policy version: %d %s", r.status, r.body)
	}
	r = e.call("POST", "/api/v1/auth/register", map[string]any{"email": "agreed@example.test", "password": password,
		"name": "Đã Đồng Ý", "kind": "startup", "privacy_policy_version": models.PrivacyPolicyVersion}, "")
	if r.status != http.StatusCreated {
		t.Fatalf("register with consent: %d %s", r.status, r.body)
	}
	agreed := e.login("agreed@example.test", password)
	consent = e.call("GET", "/api/v1/auth/me", nil, agreed.token).json()["consent"].(map[string]any)
	if consent["required"] != false || consent["policy_version"] != models.PrivacyPolicyVersion || consent["given_at"] == nil {
		t.Fatalf("consent after registering with it: %v", consent)
	}

	if r := e.call("POST", "/api/v1/me/consent", map[string]any{"policy_version": models.PrivacyPolicyVersion}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("consent signed out: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/me/consent", map[string]any{"policy_version": "1999"}, without.token); r.status != http.StatusBadRequest || !slices.Contains(r.pointers(), "/policy_version") {
		t.Fatalf("consent to another version: %d %s", r.status, r.body)
	}
	r = e.call("POST", "/api/v1/me/consent", map[string]any{"policy_version": models.PrivacyPolicyVersion}, without.token)
	if r.status != http.StatusOK || r.json()["required"] != false {
		t.Fatalf("consent later: %d %s", r.status, r.body)
	}
	consent = e.call("GET", "/api/v1/auth/me", nil, without.token).json()["consent"].(map[string]any)
	if consent["required"] != false {
		t.Fatalf("consent after giving it: %v", consent)
	}
}

func TestDownloadMyData(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở Thử Nghiệm")
	e.verify(admin, agency.memberID)
	challenge := e.publishedChallenge(agency)
	startup := e.register("startup@example.test", models.KindStartup, "Công ty Dữ Liệu Của Tôi")
	e.call("POST", "/api/v1/me/consent", map[string]any{"policy_version": models.PrivacyPolicyVersion}, startup.token)
	e.publish(startup)
	if r := e.call("POST", "/api/v1/challenges/"+challenge+"/interests", map[string]any{"kind": "interest"}, startup.token); r.status != http.StatusCreated {
		t.Fatalf("interest: %d %s", r.status, r.body)
	}
	e.awaitNotification(agency.token, "Dữ Liệu Của Tôi")
	e.call("GET", "/api/v1/members/"+startup.memberID, nil, admin.token) // an admin reads the profile: a reveal

	if r := e.call("GET", "/api/v1/me/data", nil, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("download signed out: %d", r.status)
	}
	r := e.call("GET", "/api/v1/me/data", nil, startup.token)
	if r.status != http.StatusOK {
		t.Fatalf("download: %d %s", r.status, r.body)
	}
	if d := r.header.Get("Content-Disposition"); !strings.HasPrefix(d, "attachment;") || !strings.Contains(d, ".json") {
		t.Fatalf("Content-Disposition %q", d)
	}
	for _, secret := range []string{"password_hash", "$argon2id", "unsubscribe_token", password} {
		if strings.Contains(string(r.body), secret) {
			t.Errorf("the download carries %q", secret)
		}
	}
	d := r.json()
	if acc := d["account"].(map[string]any); acc["email"] != "startup@example.test" || acc["id"] != startup.accountID {
		t.Errorf("account: %v", acc)
	}
	if p := d["profile"].(map[string]any); p["id"] != startup.memberID || p["contact"].(map[string]any)["email"] != "startup@example.test" {
		t.Errorf("profile: %v", p)
	}
	if ins := d["interests"].([]any); len(ins) != 1 || ins[0].(map[string]any)["challenge_id"] != challenge {
		t.Errorf("interests: %v", ins)
	}
	if cs := d["consents"].([]any); len(cs) != 1 || cs[0].(map[string]any)["policy_version"] != models.PrivacyPolicyVersion {
		t.Errorf("consents: %v", cs)
	}
	if d["preferences"].(map[string]any)["email"] == nil {
		t.Errorf("preferences: %v", d["preferences"])
	}
	var reveal bool
	for _, a := range d["audit_entries"].([]any) {
		reveal = reveal || a.(map[string]any)["action"] == string(models.AuditContactReveal)
	}
	if !reveal {
		t.Errorf("the admin's reveal of the contact is not among the audit entries: %v", d["audit_entries"])
	}
	if n := len(d["notifications"].([]any)); n != 0 {
		t.Errorf("notifications: %d", n)
	}

	ad := e.call("GET", "/api/v1/me/data", nil, agency.token).json()
	if cs := ad["challenges"].([]any); len(cs) != 1 || cs[0].(map[string]any)["id"] != challenge {
		t.Errorf("the agency's challenges: %v", cs)
	}
	if ns := ad["notifications"].([]any); len(ns) != 1 {
		t.Errorf("the agency's notifications: %v", ns)
	}
}

func TestDeleteAccountRemovesTheProfileEverywhere(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở Thử Nghiệm")
	e.verify(admin, agency.memberID)
	challenge := e.publishedChallenge(agency)
	startup := e.register("leaving@example.test", models.KindStartup, "Công ty Xoá Tài Khoản Zyxquark")
	e.publish(startup)
	r := e.call("POST", "/api/v1/challenges/"+challenge+"/interests", map[string]any{"kind": "proposal",
		"message": "Chúng tôi đề xuất một thí điểm ba tháng tại các điểm trũng của phường."}, startup.token)
	if r.status != http.StatusCreated {
		t.Fatalf("proposal: %d %s", r.status, r.body)
	}
	e.settle()
	e.awaitNotification(agency.token, "Zyxquark")
	if items := e.call("GET", "/api/v1/members?q=zyxquark", nil, "").json()["items"].([]any); len(items) != 1 {
		t.Fatalf("the profile is not searchable before: %v", items)
	}

	if r := e.call("GET", "/api/v1/notifications", nil, agency.token); !strings.Contains(string(r.body), "Zyxquark") {
		t.Fatalf("the agency was not notified of the proposal, so the inbox check below proves nothing: %s", r.body)
	}
	if r := e.call("POST", "/api/v1/me/delete", map[string]any{"password": password}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("delete signed out: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/me/delete", map[string]any{"password": "wrong-password-1"}, startup.token); r.status != http.StatusBadRequest || !slices.Contains(r.pointers(), "/password") {
		t.Fatalf("delete with a wrong password: %d %s", r.status, r.body)
	}
	r = e.call("POST", "/api/v1/me/delete", map[string]any{"password": password}, startup.token)
	if r.status != http.StatusNoContent || !strings.Contains(r.header.Get("Set-Cookie"), "innonet_refresh=;") {
		t.Fatalf("delete: %d %s %q", r.status, r.body, r.header.Get("Set-Cookie"))
	}
	e.settle()

	if r := e.call("POST", "/api/v1/auth/login", map[string]any{"email": startup.email, "password": password}, ""); r.status != http.StatusUnauthorized {
		t.Errorf("login after deletion: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": startup.refresh}, ""); r.status != http.StatusUnauthorized {
		t.Errorf("refresh after deletion: %d", r.status)
	}
	if r := e.call("GET", "/api/v1/auth/me", nil, startup.token); r.status != http.StatusUnauthorized {
		t.Errorf("me with the old access token: %d", r.status)
	}
	if r := e.call("GET", "/api/v1/members/"+startup.memberID, nil, admin.token); r.status != http.StatusNotFound {
		t.Errorf("the profile after deletion: %d", r.status)
	}
	if items := e.call("GET", "/api/v1/members?q=zyxquark", nil, "").json()["items"].([]any); len(items) != 0 {
		t.Errorf("search still finds the deleted profile: %v", items)
	}
	if items := e.call("GET", "/api/v1/members?kind=startup", nil, "").json()["items"].([]any); len(items) != 0 {
		t.Errorf("the directory still lists it: %v", items)
	}
	if _, err := e.store.AccountByEmail(context.Background(), startup.email); models.ErrorCode(err) != models.CodeNotFound {
		t.Errorf("the account is still stored: %v", err)
	}
	if _, err := e.store.Preferences(context.Background(), startup.accountID); models.ErrorCode(err) != models.CodeNotFound {
		t.Errorf("the preferences are still stored: %v", err)
	}

	list := e.call("GET", "/api/v1/challenges/"+challenge+"/interests", nil, agency.token).json()
	items := list["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("the agency lost the proposal: %v", list)
	}
	in := items[0].(map[string]any)
	if in["member_id"] == startup.memberID || in["member"] != nil || in["message"] == nil {
		t.Errorf("the kept proposal still names the member, or lost its text: %v", in)
	}
	if strings.Contains(string(e.call("GET", "/api/v1/challenges/"+challenge+"/interests", nil, agency.token).body), "leaving@example.test") {
		t.Error("the kept proposal carries the email")
	}

	if r := e.call("GET", "/api/v1/notifications", nil, agency.token); r.status != http.StatusOK || strings.Contains(string(r.body), "Zyxquark") || strings.Contains(string(r.body), startup.memberID) {
		t.Errorf("the agency's inbox still names the deleted member: %d %s", r.status, r.body)
	}

	del := e.auditEntries(admin, "action=account.delete")
	if len(del) != 1 || del[0]["target_id"] != startup.accountID || del[0]["details"].(map[string]any)["profile"] != "deleted" {
		t.Errorf("audit of the deletion: %v", del)
	}
}

func TestDeleteOneOfSeveralStaffAccounts(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	first := e.register("owner@example.test", models.KindInnovationCenter, "Trung tâm Nhiều Người")
	e.publish(first)
	// A second staff account that acts for the same organisation.
	first2 := e.register("tmp@example.test", models.KindExpert, "Tạm")
	a, err := e.store.Account(ctx, first2.accountID)
	if err != nil {
		t.Fatal(err)
	}
	staff := &models.Account{ID: "acc-staff", Email: "colleague@example.test", Name: "Đồng Nghiệp", PasswordHash: a.PasswordHash,
		Role: models.RoleMember, MemberID: first.memberID, MemberRole: models.StaffMember, CreatedAt: a.CreatedAt,
		PasswordChangedAt: a.PasswordChangedAt}
	if err := e.store.CreateAccount(ctx, staff); err != nil {
		t.Fatal(err)
	}
	m, err := e.store.Member(ctx, first.memberID)
	if err != nil {
		t.Fatal(err)
	}
	m.OwnerIDs = append(m.OwnerIDs, staff.ID)
	if err := e.store.UpdateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	colleague := e.login("colleague@example.test", password)

	// The last owner cannot leave staff without an owner; once the colleague is owner too, it can.
	if r := e.call("POST", "/api/v1/me/delete", map[string]any{"password": password}, first.token); r.status != http.StatusConflict {
		t.Fatalf("the last owner deleted its account while staff remain: %d %s", r.status, r.body)
	}
	if r := e.call("PUT", "/api/v1/members/"+first.memberID+"/staff/"+staff.ID, map[string]any{"role": "owner"}, first.token); r.status >= 300 {
		t.Fatalf("make the colleague owner: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/me/delete", map[string]any{"password": password}, first.token); r.status != http.StatusNoContent {
		t.Fatalf("delete the first: %d %s", r.status, r.body)
	}
	m, err = e.store.Member(ctx, first.memberID)
	if err != nil {
		t.Fatalf("the organisation went with one of its staff: %v", err)
	}
	if !slices.Equal(m.OwnerIDs, []string{staff.ID}) || !m.Published() {
		t.Fatalf("owners after the first left: %v (status %s)", m.OwnerIDs, m.Status)
	}
	if r := e.call("GET", "/api/v1/members/"+first.memberID, nil, ""); r.status != http.StatusOK {
		t.Fatalf("the organisation's profile after one staff left: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/me/delete", map[string]any{"password": password}, colleague.token); r.status != http.StatusNoContent {
		t.Fatalf("delete the last: %d %s", r.status, r.body)
	}
	if _, err := e.store.Member(ctx, first.memberID); models.ErrorCode(err) != models.CodeNotFound {
		t.Fatalf("the organisation after its last staff left: %v", err)
	}
}

func TestDeleteAgencyClosesItsChallenges(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở Rời Đi")
	e.verify(admin, agency.memberID)
	challenge := e.publishedChallenge(agency)
	if r := e.call("POST", "/api/v1/me/delete", map[string]any{"password": password}, agency.token); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	r := e.call("GET", "/api/v1/challenges/"+challenge, nil, "")
	if r.status != http.StatusOK || r.json()["status"] != "closed" {
		t.Fatalf("the challenge of a deleted agency: %d %s", r.status, r.body)
	}
}
