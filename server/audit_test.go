package server_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestAuditLogIsForAdminsOnly(t *testing.T) {
	e := newEnv(t)
	member := e.register("member@example.test", models.KindStartup, "Công ty Tò Mò")
	agency := e.register("agency@example.test", models.KindAgency, "Sở Tò Mò")
	for name, tc := range map[string]struct {
		token string
		want  int
	}{
		"visitor": {"", http.StatusUnauthorized},
		"member":  {member.token, http.StatusForbidden},
		"agency":  {agency.token, http.StatusForbidden},
		"admin":   {e.admin().token, http.StatusOK},
	} {
		if r := e.call("GET", "/api/v1/admin/audit?action=verification.decide", nil, tc.token); r.status != tc.want {
			t.Errorf("%s: %d %s, want %d", name, r.status, r.body, tc.want)
		}
	}
	if r := e.call("GET", "/api/v1/admin/audit?per_page=1000", nil, e.login("admin@example.test", "Admin-pass-2026!").token); r.status != http.StatusBadRequest {
		t.Errorf("per_page over the cap: %d", r.status)
	}
}

// upload posts a multipart import as the admin.
func (e *env) upload(token, kind, name, content string) response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("type", kind)
	fw, _ := w.CreateFormFile("file", name)
	_, _ = io.WriteString(fw, content)
	_ = w.Close()
	req, _ := http.NewRequest("POST", e.url+"/api/v1/admin/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func TestAuditRecordsEveryAdminAction(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	created := e.auditEntries(admin, "action=admin.create")
	if len(created) != 1 || created[0]["actor"] != models.AuditActorOperator || created[0]["target_type"] != "account" {
		t.Fatalf("admin create: %v", created)
	}
	adminID := e.call("GET", "/api/v1/auth/me", nil, admin.token).json()["id"].(string)

	agency := e.register("agency@example.test", models.KindAgency, "Sở Kiểm Toán")
	e.call("GET", "/api/v1/admin/verifications", nil, admin.token)
	r := e.call("POST", "/api/v1/admin/verifications/"+agency.memberID, map[string]any{"decision": "verify", "note": "Đã kiểm tra"},
		admin.token, "X-Request-ID", "req-verify-1")
	if r.status != http.StatusOK {
		t.Fatalf("verify: %d %s", r.status, r.body)
	}
	e.call("GET", "/api/v1/admin/export?type=members&format=csv", nil, admin.token)
	if r := e.upload(admin.token, "members", "members.jsonl", `{"id":"st-imp-1","kind":"startup","name":"Công ty Nhập","sectors":["mobility"]}`+"\n"); r.status != http.StatusOK {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	e.call("GET", "/api/v1/admin/stats", nil, admin.token)
	challenge := e.draftChallenge(agency)
	if r := e.call("POST", "/api/v1/challenges/"+challenge+"/publish", nil, admin.token); r.status != http.StatusOK {
		t.Fatalf("admin publishes for the agency: %d %s", r.status, r.body)
	}
	startup := e.register("startup@example.test", models.KindStartup, "Công ty Bị Sửa")
	if r := e.call("PATCH", "/api/v1/members/"+startup.memberID, map[string]any{"headline": "Sửa bởi quản trị", "version": 1}, admin.token); r.status != http.StatusOK {
		t.Fatalf("admin edits a profile: %d %s", r.status, r.body)
	}
	// The agency acting on its own challenge, and a member on its own profile, are not admin actions.
	e.call("POST", "/api/v1/challenges/"+challenge+"/close", nil, agency.token)
	e.publish(startup)

	want := map[string]string{
		"verification.queue_view": "verifications",
		"verification.decide":     agency.memberID,
		"records.export":          "members",
		"records.import":          "members",
		"stats.view":              "stats",
		"challenge.admin_change":  challenge,
		"member.update":           startup.memberID,
	}
	all := e.auditEntries(admin, "actor="+adminID)
	got := map[string]int{}
	for _, en := range all {
		got[en["action"].(string)]++
		if target, ok := want[en["action"].(string)]; ok && en["target_id"] != target {
			t.Errorf("%s: target %v, want %s", en["action"], en["target_id"], target)
		}
	}
	for action := range want {
		if got[action] != 1 {
			t.Errorf("%s recorded %d times, want once; log: %v", action, got[action], all)
		}
	}
	if got["member.publish"] != 0 {
		t.Errorf("a member publishing its own profile was audited as an admin action")
	}
	decided := e.auditEntries(admin, "action=verification.decide&target="+agency.memberID)
	if len(decided) != 1 || decided[0]["request_id"] != "req-verify-1" || decided[0]["details"].(map[string]any)["decision"] != "verified" {
		t.Errorf("verification entry: %v", decided)
	}
	imported := e.auditEntries(admin, "action=records.import")[0]["details"].(map[string]any)
	if imported["file"] != "members.jsonl" || imported["imported"] != "1" {
		t.Errorf("import details: %v", imported)
	}
	if n := len(e.auditEntries(admin, "actor=nobody")); n != 0 {
		t.Errorf("filter by an unknown actor: %d entries", n)
	}
}
