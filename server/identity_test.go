package server_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func TestEmailVerification(t *testing.T) {
	e := newEnv(t)
	mail := e.withMail(3)
	u := e.register("lan@example.test", models.KindStartup, "Nguyễn Thị Lan")
	if me := e.call("GET", "/api/v1/auth/me", nil, u.token).json(); me["email_verified"] != false {
		t.Fatalf("a new account is not verified yet: %v", me)
	}
	e.publish(u) // unverified accounts sign in and publish
	secret := mail.token(t, u.email, models.TokenVerifyEmail)

	if r := e.call("POST", "/api/v1/auth/verify-email", map[string]any{"token": "nonsense"}, ""); r.status != http.StatusBadRequest || !contains(r.pointers(), "/token") {
		t.Fatalf("a made-up token: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/auth/verify-email", map[string]any{"token": secret}, ""); r.status != http.StatusNoContent {
		t.Fatalf("verify: %d %s", r.status, r.body)
	}
	if me := e.call("GET", "/api/v1/auth/me", nil, u.token).json(); me["email_verified"] != true {
		t.Fatalf("after following the link: %v", me)
	}
	if r := e.call("POST", "/api/v1/auth/verify-email", map[string]any{"token": secret}, ""); r.status != http.StatusBadRequest {
		t.Fatalf("a used link works once: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/auth/verify-email/resend", nil, u.token); r.status != http.StatusConflict {
		t.Fatalf("resend when verified: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/auth/verify-email/resend", nil, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("resend signed out: %d", r.status)
	}
}

func TestVerificationLinksExpireAndResendIsLimited(t *testing.T) {
	e := newEnv(t)
	mail := e.withMail(2)
	u := e.register("minh@example.test", models.KindExpert, "Trần Minh")
	old := mail.token(t, u.email, models.TokenVerifyEmail)
	e.clock.Advance(49 * time.Hour)
	u = e.login(u.email, password)
	if r := e.call("POST", "/api/v1/auth/verify-email", map[string]any{"token": old}, ""); r.status != http.StatusBadRequest {
		t.Fatalf("an expired link: %d %s", r.status, r.body)
	}
	for i := range 2 {
		if r := e.call("POST", "/api/v1/auth/verify-email/resend", nil, u.token); r.status != http.StatusAccepted {
			t.Fatalf("resend %d: %d %s", i, r.status, r.body)
		}
	}
	if r := e.call("POST", "/api/v1/auth/verify-email/resend", nil, u.token); r.status != http.StatusTooManyRequests {
		t.Fatalf("a third resend within the hour: %d %s", r.status, r.body)
	}
	if n := mail.count(u.email, models.TokenVerifyEmail); n != 3 {
		t.Fatalf("%d verification mails, want 3", n)
	}
	if r := e.call("POST", "/api/v1/auth/verify-email", map[string]any{"token": mail.token(t, u.email, models.TokenVerifyEmail)}, ""); r.status != http.StatusNoContent {
		t.Fatalf("the newest link: %d %s", r.status, r.body)
	}
}

func TestPasswordReset(t *testing.T) {
	e := newEnv(t)
	mail := e.withMail(3)
	u := e.register("hoa@example.test", models.KindStartup, "Phạm Hoa")

	known := e.call("POST", "/api/v1/auth/password-reset", map[string]any{"email": "HOA@example.test"}, "")
	unknown := e.call("POST", "/api/v1/auth/password-reset", map[string]any{"email": "nobody@example.test"}, "")
	if known.status != http.StatusAccepted || unknown.status != known.status || string(known.body) != string(unknown.body) {
		t.Fatalf("the answers must not tell known from unknown emails: %d %q / %d %q", known.status, known.body, unknown.status, unknown.body)
	}
	if mail.count("nobody@example.test", models.TokenResetPassword) != 0 || mail.count(u.email, models.TokenResetPassword) != 1 {
		t.Fatal("one reset mail to the known email, none to the unknown")
	}
	secret := mail.token(t, u.email, models.TokenResetPassword)

	if r := e.call("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": secret, "password": "short"}, ""); r.status != http.StatusBadRequest || !contains(r.pointers(), "/password") {
		t.Fatalf("a weak password: %d %s", r.status, r.body)
	}
	const next = "Another-horse-43!"
	if r := e.call("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": secret, "password": next}, ""); r.status != http.StatusNoContent {
		t.Fatalf("confirm (a refused password does not use the link up): %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": u.refresh}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("every session ends with a reset: refresh gave %d", r.status)
	}
	if r := e.call("POST", "/api/v1/auth/login", map[string]any{"email": u.email, "password": password}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("the old password: %d", r.status)
	}
	fresh := e.login(u.email, next)
	if me := e.call("GET", "/api/v1/auth/me", nil, fresh.token).json(); me["email_verified"] != true {
		t.Fatalf("following a reset link proves the email: %v", me)
	}
	if r := e.call("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": secret, "password": "Third-horse-44!"}, ""); r.status != http.StatusBadRequest {
		t.Fatalf("a reset link works once: %d %s", r.status, r.body)
	}

	e.call("POST", "/api/v1/auth/password-reset", map[string]any{"email": u.email}, "")
	late := mail.token(t, u.email, models.TokenResetPassword)
	e.clock.Advance(61 * time.Minute)
	if r := e.call("POST", "/api/v1/auth/password-reset/confirm", map[string]any{"token": late, "password": "Third-horse-44!"}, ""); r.status != http.StatusBadRequest {
		t.Fatalf("a reset link expires after an hour: %d %s", r.status, r.body)
	}
}

func TestPasswordResetIsRateLimitedAlikeForUnknownEmails(t *testing.T) {
	e := newEnv(t)
	e.withMail(2)
	e.register("an@example.test", models.KindStartup, "An")
	for _, email := range []string{"an@example.test", "ghost@example.test"} {
		var last int
		for range 3 {
			last = e.call("POST", "/api/v1/auth/password-reset", map[string]any{"email": email}, "").status
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("the third request for %s within the hour: %d, want 429", email, last)
		}
	}
	if r := e.call("POST", "/api/v1/auth/password-reset", map[string]any{"email": "not an email"}, ""); r.status != http.StatusBadRequest || !contains(r.pointers(), "/email") {
		t.Errorf("a malformed email: %d %s", r.status, r.body)
	}
}

func TestClaimByInvitation(t *testing.T) {
	e := newEnv(t)
	mail := e.withMail(10)
	admin := e.admin()
	e.imported("st-imp-1", "founder@xanh.example")
	stranger := e.register("stranger@example.test", models.KindStartup, "Người lạ")

	path := "/api/v1/admin/members/st-imp-1/claim-invitation"
	if r := e.call("POST", path, map[string]any{}, stranger.token); r.status != http.StatusForbidden {
		t.Fatalf("a member invites: %d", r.status)
	}
	if r := e.call("POST", path, map[string]any{}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("signed out invites: %d", r.status)
	}
	if r := e.call("POST", path, map[string]any{"email": "nope"}, admin.token); r.status != http.StatusBadRequest || !contains(r.pointers(), "/email") {
		t.Fatalf("a bad email: %d %s", r.status, r.body)
	}
	r := e.call("POST", path, nil, admin.token)
	if r.status != http.StatusCreated || r.json()["email"] != "founder@xanh.example" {
		t.Fatalf("invite at the contact email: %d %s", r.status, r.body)
	}
	secret := mail.token(t, "founder@xanh.example", models.TokenClaimProfile)

	info := e.call("POST", "/api/v1/invitations/inspect", map[string]any{"token": secret}, "")
	if info.status != http.StatusOK || info.json()["member_id"] != "st-imp-1" || info.json()["kind"] != "claim_profile" {
		t.Fatalf("inspect: %d %s", info.status, info.body)
	}
	if r := e.call("POST", "/api/v1/invitations/accept", map[string]any{"token": secret}, ""); r.status != http.StatusBadRequest || !contains(r.pointers(), "/name") || !contains(r.pointers(), "/password") {
		t.Fatalf("accept without name and password: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/invitations/accept", map[string]any{"token": secret}, stranger.token); r.status != http.StatusForbidden {
		t.Fatalf("another signed-in account takes the link: %d %s", r.status, r.body)
	}
	acc := e.call("POST", "/api/v1/invitations/accept", map[string]any{"token": secret, "name": "Lê Xanh", "password": password}, "")
	if acc.status != http.StatusOK || acc.json()["member_id"] != "st-imp-1" || acc.json()["member_role"] != "owner" || acc.json()["email_verified"] != true {
		t.Fatalf("accept: %d %s", acc.status, acc.body)
	}
	owner := e.login("founder@xanh.example", password)
	if r := e.call("PATCH", "/api/v1/members/st-imp-1", map[string]any{"headline": "Cảm biến chất lượng không khí", "version": e.version("st-imp-1")}, owner.token); r.status != http.StatusOK {
		t.Fatalf("the new owner edits the profile: %d %s", r.status, r.body)
	}
	if r := e.call("PATCH", "/api/v1/members/st-imp-1", map[string]any{"headline": "pwned", "version": 3}, stranger.token); r.status != http.StatusForbidden {
		t.Fatalf("a stranger edits it: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/invitations/accept", map[string]any{"token": secret, "name": "Kẻ gian", "password": password}, ""); r.status != http.StatusBadRequest {
		t.Fatalf("a claim link works once: %d %s", r.status, r.body)
	}
	if r := e.call("POST", path, nil, admin.token); r.status != http.StatusConflict {
		t.Fatalf("inviting to claim an owned profile: %d %s", r.status, r.body)
	}
	if m := e.call("GET", "/api/v1/members/st-imp-1", nil, "").json(); m["claimable"] != nil {
		t.Fatalf("an owned profile is not claimable: %v", m["claimable"])
	}
	if got := e.auditEntries(admin, "action=claim.invite&target=st-imp-1"); len(got) != 1 || got[0]["details"] == nil {
		t.Fatalf("the admin's invitation in the audit log: %v", got)
	}
}

func TestBulkClaimInvitations(t *testing.T) {
	e := newEnv(t)
	mail := e.withMail(10)
	admin := e.admin()
	e.imported("st-a", "a@example.test")
	e.imported("st-b", "")
	r := e.call("POST", "/api/v1/admin/claim-invitations", map[string]any{"member_ids": []string{"st-a", "st-b", "st-none"}}, admin.token)
	if r.status != http.StatusOK || r.json()["invited"] != float64(1) {
		t.Fatalf("bulk invite: %d %s", r.status, r.body)
	}
	results := r.json()["results"].([]any)
	if len(results) != 3 || results[1].(map[string]any)["error"] == nil || results[2].(map[string]any)["error"] == nil {
		t.Fatalf("results: %v", results)
	}
	if mail.count("a@example.test", models.TokenClaimProfile) != 1 {
		t.Fatal("the profile with an email is invited")
	}
	if r := e.call("POST", "/api/v1/admin/claim-invitations", map[string]any{"member_ids": []string{"st-a"}}, e.register("x@example.test", models.KindExpert, "Xuân").token); r.status != http.StatusForbidden {
		t.Fatalf("a member bulk-invites: %d", r.status)
	}
}

func TestClaimRequests(t *testing.T) {
	e := newEnv(t)
	e.withMail(10)
	admin := e.admin()
	e.imported("st-imp-2", "info@xanh.example")
	e.imported("st-imp-3", "info@lam.example")
	asker := e.register("asker@example.test", models.KindStartup, "Người xin nhận")
	other := e.register("other@example.test", models.KindStartup, "Người khác")

	path := "/api/v1/members/st-imp-2/claim-requests"
	if r := e.call("POST", path, map[string]any{"message": "Tôi là giám đốc"}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("signed out: %d", r.status)
	}
	if r := e.call("POST", path, map[string]any{"message": "  "}, asker.token); r.status != http.StatusBadRequest || !contains(r.pointers(), "/message") {
		t.Fatalf("an empty message: %d %s", r.status, r.body)
	}
	req := e.call("POST", path, map[string]any{"message": "Tôi là giám đốc công ty"}, asker.token)
	if req.status != http.StatusCreated || req.json()["status"] != "pending" {
		t.Fatalf("request: %d %s", req.status, req.body)
	}
	id := req.json()["id"].(string)
	if r := e.call("PATCH", "/api/v1/members/st-imp-2", map[string]any{"headline": "chưa được duyệt", "version": 1}, asker.token); r.status != http.StatusForbidden {
		t.Fatalf("a request alone gives no rights: %d", r.status)
	}
	e.clock.Advance(time.Second)
	rejectMe := e.call("POST", "/api/v1/members/st-imp-3/claim-requests", map[string]any{"message": "Cho tôi"}, other.token).json()["id"].(string)

	if r := e.call("GET", "/api/v1/admin/claim-requests", nil, asker.token); r.status != http.StatusForbidden {
		t.Fatalf("a member lists requests: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/admin/claim-requests/"+id, map[string]any{"decision": "approve"}, asker.token); r.status != http.StatusForbidden {
		t.Fatalf("the asker approves its own request: %d", r.status)
	}
	list := e.call("GET", "/api/v1/admin/claim-requests?status=pending", nil, admin.token)
	if list.status != http.StatusOK || list.json()["total"] != float64(2) {
		t.Fatalf("list: %d %s", list.status, list.body)
	}
	first := list.json()["items"].([]any)[1].(map[string]any)
	if first["account_email"] != "asker@example.test" || first["member_name"] != "Công ty Nhập st-imp-2" {
		t.Fatalf("a listed request names who and what: %v", first)
	}
	if r := e.call("POST", "/api/v1/admin/claim-requests/"+id, map[string]any{"decision": "approve"}, admin.token); r.status != http.StatusOK || r.json()["status"] != "approved" {
		t.Fatalf("approve: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/admin/claim-requests/"+id, map[string]any{"decision": "reject"}, admin.token); r.status != http.StatusConflict {
		t.Fatalf("deciding twice: %d", r.status)
	}
	asker = e.login(asker.email, password)
	me := e.call("GET", "/api/v1/auth/me", nil, asker.token).json()
	if me["member_id"] != "st-imp-2" {
		t.Fatalf("after approval the asker acts for the profile: %v", me["member_id"])
	}
	if r := e.call("PATCH", "/api/v1/members/st-imp-2", map[string]any{"headline": "Đã nhận hồ sơ", "version": e.version("st-imp-2")}, asker.token); r.status != http.StatusOK {
		t.Fatalf("the approved owner edits: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/members/st-imp-2/claim-requests", map[string]any{"message": "Tôi cũng muốn"}, other.token); r.status != http.StatusConflict {
		t.Fatalf("asking for an owned profile: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/admin/claim-requests/"+rejectMe, map[string]any{"decision": "reject"}, admin.token); r.status != http.StatusOK {
		t.Fatalf("reject: %d %s", r.status, r.body)
	}
	if m, _ := e.store.Member(t.Context(), "st-imp-3"); len(m.OwnerIDs) != 0 {
		t.Fatalf("a rejected request leaves the profile unowned: %v", m.OwnerIDs)
	}
}

func TestOrganisationStaff(t *testing.T) {
	e := newEnv(t)
	mail := e.withMail(10)
	admin := e.admin()
	owner := e.register("director@so.example", models.KindAgency, "Sở Thử nghiệm")
	e.verify(admin, owner.memberID)
	stranger := e.register("stranger@example.test", models.KindStartup, "Người lạ")
	staffPath := "/api/v1/members/" + owner.memberID + "/staff"

	if r := e.call("POST", staffPath+"/invitations", map[string]any{"email": "colleague@so.example", "role": "member"}, stranger.token); r.status != http.StatusForbidden {
		t.Fatalf("a stranger invites: %d", r.status)
	}
	if r := e.call("POST", staffPath+"/invitations", map[string]any{"email": "colleague@so.example", "role": "boss"}, owner.token); r.status != http.StatusBadRequest {
		t.Fatalf("an unknown role: %d %s", r.status, r.body)
	}
	if r := e.call("POST", staffPath+"/invitations", map[string]any{"email": "colleague@so.example", "role": "member"}, owner.token); r.status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.status, r.body)
	}
	secret := mail.token(t, "colleague@so.example", models.TokenStaffInvite)
	acc := e.call("POST", "/api/v1/invitations/accept", map[string]any{"token": secret, "name": "Đồng nghiệp", "password": password}, "")
	if acc.status != http.StatusOK || acc.json()["member_id"] != owner.memberID || acc.json()["member_role"] != "member" {
		t.Fatalf("accept: %d %s", acc.status, acc.body)
	}
	colleague := e.login("colleague@so.example", password)
	colleague.accountID = acc.json()["id"].(string)

	// A staff member acts for the organisation.
	ch := e.draftChallenge(colleague)
	if r := e.call("POST", "/api/v1/challenges/"+ch+"/publish", nil, colleague.token); r.status != http.StatusOK {
		t.Fatalf("a staff member publishes a challenge: %d %s", r.status, r.body)
	}
	if r := e.call("PATCH", "/api/v1/members/"+owner.memberID, map[string]any{"headline": "Sở của chúng tôi", "version": e.version(owner.memberID)}, colleague.token); r.status != http.StatusOK {
		t.Fatalf("a staff member edits the profile: %d %s", r.status, r.body)
	}
	// ...but only owners manage the staff.
	if r := e.call("POST", staffPath+"/invitations", map[string]any{"email": "third@so.example", "role": "owner"}, colleague.token); r.status != http.StatusForbidden {
		t.Fatalf("a member invites: %d", r.status)
	}
	me := e.call("GET", "/api/v1/auth/me", nil, owner.token).json()
	owner.accountID = me["id"].(string)
	if r := e.call("DELETE", staffPath+"/"+owner.accountID, nil, colleague.token); r.status != http.StatusForbidden {
		t.Fatalf("a member removes the owner: %d", r.status)
	}
	if r := e.call("PUT", staffPath+"/"+colleague.accountID, map[string]any{"role": "owner"}, colleague.token); r.status != http.StatusForbidden {
		t.Fatalf("a member promotes itself: %d", r.status)
	}
	if r := e.call("GET", staffPath, nil, stranger.token); r.status != http.StatusForbidden {
		t.Fatalf("a stranger lists the staff: %d", r.status)
	}
	if r := e.call("GET", staffPath, nil, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("signed out lists the staff: %d", r.status)
	}
	list := e.call("GET", staffPath, nil, colleague.token)
	if list.status != http.StatusOK || len(list.json()["items"].([]any)) != 2 {
		t.Fatalf("the staff sees the staff: %d %s", list.status, list.body)
	}
	// There is always an owner.
	if r := e.call("PUT", staffPath+"/"+owner.accountID, map[string]any{"role": "member"}, owner.token); r.status != http.StatusConflict {
		t.Fatalf("the only owner steps down: %d %s", r.status, r.body)
	}
	if r := e.call("DELETE", staffPath+"/"+owner.accountID, nil, owner.token); r.status != http.StatusConflict {
		t.Fatalf("the only owner leaves: %d %s", r.status, r.body)
	}
	if r := e.call("POST", staffPath+"/transfer", map[string]any{"account_id": stranger.accountID}, owner.token); r.status != http.StatusNotFound {
		t.Fatalf("transfer to someone off the staff: %d %s", r.status, r.body)
	}
	if r := e.call("POST", staffPath+"/transfer", map[string]any{"account_id": colleague.accountID}, owner.token); r.status != http.StatusNoContent {
		t.Fatalf("transfer: %d %s", r.status, r.body)
	}
	roles := map[string]string{}
	for _, it := range e.call("GET", staffPath, nil, owner.token).json()["items"].([]any) {
		m := it.(map[string]any)
		roles[m["account_id"].(string)] = m["role"].(string)
	}
	if roles[owner.accountID] != "member" || roles[colleague.accountID] != "owner" {
		t.Fatalf("after the transfer: %v", roles)
	}
	if r := e.call("POST", staffPath+"/invitations", map[string]any{"email": "third@so.example", "role": "member"}, owner.token); r.status != http.StatusForbidden {
		t.Fatalf("the former owner invites: %d", r.status)
	}
	// The new owner removes the former one, whose sessions end and rights go.
	if r := e.call("DELETE", staffPath+"/"+owner.accountID, nil, colleague.token); r.status != http.StatusNoContent {
		t.Fatalf("remove: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": owner.refresh}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("the removed account's sessions end: %d", r.status)
	}
	if r := e.call("PATCH", "/api/v1/members/"+owner.memberID, map[string]any{"headline": "trả thù", "version": e.version(owner.memberID)}, owner.token); r.status != http.StatusNotFound {
		t.Fatalf("the removed account edits the profile: %d", r.status)
	}
	// Its access token, still unexpired, names the organisation: the rights go at once all the same.
	if r := e.call("POST", "/api/v1/challenges", map[string]any{"title": "Bài toán của người đã rời đi", "description": "Một bài toán đăng bằng quyền không còn nữa, không được phép."}, owner.token); r.status != http.StatusForbidden {
		t.Fatalf("the removed account posts a challenge with its old token: %d %s", r.status, r.body)
	}
	m, _ := e.store.Member(t.Context(), owner.memberID)
	if slices.Contains(m.OwnerIDs, owner.accountID) || !slices.Contains(m.OwnerIDs, colleague.accountID) {
		t.Fatalf("owners after the removal: %v", m.OwnerIDs)
	}

	// An existing account with the invited email joins signed in; its empty draft goes.
	third := e.register("third@so.example", models.KindStartup, "Người thứ ba")
	if r := e.call("POST", staffPath+"/invitations", map[string]any{"email": "third@so.example", "role": "owner"}, colleague.token); r.status != http.StatusCreated {
		t.Fatalf("the new owner invites: %d %s", r.status, r.body)
	}
	joined := e.call("POST", "/api/v1/invitations/accept", map[string]any{"token": mail.token(t, "third@so.example", models.TokenStaffInvite)}, third.token)
	if joined.status != http.StatusOK || joined.json()["member_id"] != owner.memberID || joined.json()["member_role"] != "owner" {
		t.Fatalf("accept signed in: %d %s", joined.status, joined.body)
	}
	if _, err := e.store.Member(t.Context(), third.memberID); models.ErrorCode(err) != models.CodeNotFound {
		t.Fatalf("the replaced registration draft is deleted: %v", err)
	}
}
