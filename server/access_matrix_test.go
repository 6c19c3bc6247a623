package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

// access is who may call an operation.
type access int

const (
	public   access = iota // anyone, signed in or not
	signedIn               // any signed-in account, on its own things
	ownerOf                // the account(s) acting for the object's member, or an admin
	adminOnly
)

// opCase is one operation of the contract, called on objects that belong to someone else.
type opCase struct {
	access access
	method string
	path   string
	body   any // a valid body: validation must not hide a missing authorization check
}

// contractOperations lists "operationId method path" for every operation of api/openapi.yaml.
func contractOperations(t *testing.T) map[string]string {
	t.Helper()
	var spec struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(api.Spec, &spec); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for path, item := range spec.Paths {
		for method, v := range item {
			if op, ok := v.(map[string]any); ok {
				if id, ok := op["operationId"].(string); ok {
					out[id] = strings.ToUpper(method) + " " + path
				}
			}
		}
	}
	return out
}

// TestAccessMatrix calls every operation of the contract as a visitor, as a member on another member's
// objects, and (for admin operations) as a member: each must be refused, with 401, 403 or 404 as fits. Public
// operations must answer a visitor. An operation added to the contract without a row here fails the test.
func TestAccessMatrix(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	owner := e.register("owner@example.test", models.KindStartup, "Công ty Chủ")
	e.publish(owner)
	stranger := e.register("stranger@example.test", models.KindExpert, "Người Lạ")
	agency := e.register("agency@example.test", models.KindAgency, "Sở Chủ Quản")
	e.verify(admin, agency.memberID)
	ch := e.publishedChallenge(agency)
	if r := e.call("POST", "/api/v1/challenges/"+ch+"/interests", map[string]any{"kind": "interest", "message": "Chúng tôi quan tâm."}, owner.token); r.status != http.StatusCreated {
		t.Fatalf("interest: %d %s", r.status, r.body)
	}
	interests := e.call("GET", "/api/v1/challenges/"+ch+"/interests", nil, agency.token).json()["items"].([]any)
	interest := interests[0].(map[string]any)["id"].(string)
	q := e.call("POST", "/api/v1/challenges/"+ch+"/questions", map[string]any{"text": "Hạn chót có thể gia hạn không?"}, owner.token)
	if q.status != http.StatusCreated {
		t.Fatalf("question: %d %s", q.status, q.body)
	}
	question := q.json()["id"].(string)
	att := attach(t, e, agency.token, ch, "so-do.png", pngBytes(t))
	if att.status != http.StatusCreated {
		t.Fatalf("attachment: %d %s", att.status, att.body)
	}
	attachment := att.json()["id"].(string)

	member := "/api/v1/members/" + owner.memberID
	challenge := "/api/v1/challenges/" + ch
	me := "/api/v1/me"
	cases := map[string]opCase{
		"getHealth":                {public, "GET", "/healthz", nil},
		"getReady":                 {public, "GET", "/readyz", nil},
		"listSectors":              {public, "GET", "/api/v1/sectors", nil},
		"register":                 {public, "POST", "/api/v1/auth/register", map[string]any{"email": "new@example.test", "password": password, "name": "Mới", "kind": "expert"}},
		"login":                    {public, "POST", "/api/v1/auth/login", map[string]any{"email": "nobody@example.test", "password": "x"}},
		"refresh":                  {public, "POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": "nope"}},
		"logout":                   {public, "POST", "/api/v1/auth/logout", map[string]any{}},
		"verifyEmail":              {public, "POST", "/api/v1/auth/verify-email", map[string]any{"token": "nope"}},
		"requestPasswordReset":     {public, "POST", "/api/v1/auth/password-reset", map[string]any{"email": "owner@example.test"}},
		"confirmPasswordReset":     {public, "POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": "nope", "password": password}},
		"inspectInvitation":        {public, "POST", "/api/v1/invitations/inspect", map[string]any{"token": "nope"}},
		"listMembers":              {public, "GET", "/api/v1/members?q=cong+ty", nil},
		"getMember":                {public, "GET", member, nil},
		"listChallenges":           {public, "GET", "/api/v1/challenges", nil},
		"getChallenge":             {public, "GET", challenge, nil},
		"listQuestions":            {public, "GET", challenge + "/questions", nil},
		"listAttachments":          {public, "GET", challenge + "/attachments", nil},
		"downloadAttachment":       {public, "GET", challenge + "/attachments/" + attachment, nil},
		"unsubscribe":              {public, "POST", "/api/v1/notifications/unsubscribe?token=nope", nil},
		"suggest":                  {public, "GET", "/api/v1/suggest?q=co", nil},
		"getPublicStats":           {public, "GET", "/api/v1/stats", nil},
		"getMe":                    {signedIn, "GET", "/api/v1/auth/me", nil},
		"changePassword":           {signedIn, "POST", "/api/v1/auth/password", map[string]any{"current_password": password, "new_password": "Another-horse-43!"}},
		"resendVerification":       {signedIn, "POST", "/api/v1/auth/verify-email/resend", nil},
		"acceptInvitation":         {public, "POST", "/api/v1/invitations/accept", map[string]any{"token": "nope"}},
		"requestClaim":             {signedIn, "POST", member + "/claim-requests", map[string]any{"message": "Đây là hồ sơ của tôi."}},
		"createChallenge":          {signedIn, "POST", "/api/v1/challenges", map[string]any{"title": "Bài toán mới của người lạ", "description": "Mô tả đủ dài cho một bài toán thử nghiệm."}},
		"listMyMatches":            {signedIn, "GET", me + "/matches", nil},
		"createInterest":           {signedIn, "POST", challenge + "/interests", map[string]any{"kind": "interest", "message": "Quan tâm."}},
		"askQuestion":              {signedIn, "POST", challenge + "/questions", map[string]any{"text": "Một câu hỏi đủ dài để hợp lệ?"}},
		"listMyInterests":          {signedIn, "GET", me + "/interests", nil},
		"listNotifications":        {signedIn, "GET", "/api/v1/notifications", nil},
		"markNotificationsRead":    {signedIn, "POST", "/api/v1/notifications/read", map[string]any{}},
		"getUnreadCount":           {signedIn, "GET", "/api/v1/notifications/unread-count", nil},
		"streamNotifications":      {signedIn, "GET", "/api/v1/notifications/stream?probe=1", nil},
		"getPreferences":           {signedIn, "GET", me + "/preferences", nil},
		"updatePreferences":        {signedIn, "PUT", me + "/preferences", map[string]any{"language": "en"}},
		"giveConsent":              {signedIn, "POST", me + "/consent", map[string]any{"policy_version": models.PrivacyPolicyVersion}},
		"getMyData":                {signedIn, "GET", me + "/data", nil},
		"deleteMyAccount":          {signedIn, "POST", me + "/delete", map[string]any{"password": "not-the-password"}},
		"updateMember":             {ownerOf, "PATCH", member, map[string]any{"headline": "Bị sửa trái phép", "version": 2}},
		"deleteMember":             {ownerOf, "DELETE", member + "?version=2", nil},
		"publishMember":            {ownerOf, "POST", member + "/publish", nil},
		"listStaff":                {ownerOf, "GET", member + "/staff", nil},
		"inviteStaff":              {ownerOf, "POST", member + "/staff/invitations", map[string]any{"email": "spy@example.test", "role": "owner"}},
		"transferOwnership":        {ownerOf, "POST", member + "/staff/transfer", map[string]any{"account_id": agency.accountID}},
		"setStaffRole":             {ownerOf, "PUT", member + "/staff/" + owner.accountID, map[string]any{"role": "member"}},
		"removeStaff":              {ownerOf, "DELETE", member + "/staff/" + owner.accountID, nil},
		"updateChallenge":          {ownerOf, "PATCH", challenge, map[string]any{"title": "Bị sửa trái phép bởi người lạ", "version": 2}},
		"publishChallenge":         {ownerOf, "POST", challenge + "/publish", nil},
		"closeChallenge":           {ownerOf, "POST", challenge + "/close", map[string]any{}},
		"listChallengeMatches":     {ownerOf, "GET", challenge + "/matches", nil},
		"listChallengeTeams":       {ownerOf, "GET", challenge + "/teams", nil},
		"listChallengeInterests":   {ownerOf, "GET", challenge + "/interests", nil},
		"answerQuestion":           {ownerOf, "PUT", "/api/v1/questions/" + question + "/answer", map[string]any{"answer": "Câu trả lời giả mạo."}},
		"uploadAttachment":         {ownerOf, "POST", challenge + "/attachments", nil},
		"deleteAttachment":         {ownerOf, "DELETE", challenge + "/attachments/" + attachment, nil},
		"decideInterest":           {ownerOf, "PATCH", "/api/v1/interests/" + interest, map[string]any{"status": "shortlisted"}},
		"listPendingVerifications": {adminOnly, "GET", "/api/v1/admin/verifications", nil},
		"decideVerification":       {adminOnly, "POST", "/api/v1/admin/verifications/" + owner.memberID, map[string]any{"decision": "verify"}},
		"inviteToClaim":            {adminOnly, "POST", "/api/v1/admin/members/" + owner.memberID + "/claim-invitation", map[string]any{}},
		"inviteManyToClaim":        {adminOnly, "POST", "/api/v1/admin/claim-invitations", map[string]any{"member_ids": []string{owner.memberID}}},
		"listClaimRequests":        {adminOnly, "GET", "/api/v1/admin/claim-requests", nil},
		"decideClaimRequest":       {adminOnly, "POST", "/api/v1/admin/claim-requests/cr-nope", map[string]any{"decision": "approve"}},
		"importRecords":            {adminOnly, "POST", "/api/v1/admin/import", nil},
		"exportRecords":            {adminOnly, "GET", "/api/v1/admin/export?type=members", nil},
		"getStats":                 {adminOnly, "GET", "/api/v1/admin/stats", nil},
		"listAudit":                {adminOnly, "GET", "/api/v1/admin/audit", nil},
	}
	ops := contractOperations(t)
	for id := range ops {
		if _, ok := cases[id]; !ok {
			t.Errorf("operation %s (%s) has no row in the access matrix", id, ops[id])
		}
	}
	for id := range cases {
		if _, ok := ops[id]; !ok {
			t.Errorf("the access matrix has a row for %s, which the contract does not have", id)
		}
	}
	call := func(c opCase, token string) response {
		if c.method == "POST" && (strings.HasSuffix(c.path, "/attachments") || strings.HasSuffix(c.path, "/admin/import")) {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			name, content := "so-do.png", pngBytes(t)
			if strings.HasSuffix(c.path, "/admin/import") {
				_ = mw.WriteField("type", "members")
				name, content = "members.jsonl", []byte(`{"id":"st-intruder","kind":"startup","name":"Kẻ Xâm Nhập"}`)
			}
			fw, _ := mw.CreateFormFile("file", name)
			_, _ = fw.Write(content)
			_ = mw.Close()
			return e.call(c.method, c.path, body.String(), token, "Content-Type", mw.FormDataContentType())
		}
		return e.call(c.method, c.path, c.body, token, "If-Match", `"2"`)
	}
	credentials := map[string]bool{"login": true, "refresh": true} // 401 is their answer to wrong credentials
	refused := func(status int, allowed ...int) bool { return slices.Contains(allowed, status) }
	ids := make([]string, 0, len(cases))
	for id := range cases {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := cases[id]
		t.Run(id, func(t *testing.T) {
			switch c.access {
			case public:
				if r := call(c, ""); r.status == http.StatusUnauthorized && !credentials[id] || r.status == http.StatusForbidden || r.status >= 500 {
					t.Errorf("a visitor: %d %s", r.status, r.body)
				}
				return
			case signedIn, ownerOf, adminOnly:
				if r := call(c, ""); r.status != http.StatusUnauthorized {
					t.Errorf("a visitor: %d %s, want 401", r.status, r.body)
				}
			}
			switch c.access {
			case ownerOf:
				if r := call(c, stranger.token); !refused(r.status, http.StatusForbidden, http.StatusNotFound) {
					t.Errorf("another member: %d %s, want 403 or 404", r.status, r.body)
				}
			case adminOnly:
				for who, u := range map[string]user{"a member": stranger, "an agency": agency} {
					if r := call(c, u.token); r.status != http.StatusForbidden {
						t.Errorf("%s: %d %s, want 403", who, r.status, r.body)
					}
				}
			}
		})
	}
}
