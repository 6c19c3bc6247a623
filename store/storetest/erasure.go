package storetest

import (
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) erasureTests() []test {
	return []test{
		{"EraseAccount", s.eraseAccount},
		{"EraseMissing", s.eraseMissing},
		{"DetachInterests", s.detachInterests},
		{"ForgetMemberInNotifications", s.forgetMemberInNotifications},
	}
}

// eraseAccount checks that erasing one account removes everything of it and nothing of another.
func (s suite) eraseAccount(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	for _, id := range []string{"ac-1", "ac-2"} {
		a := account(id, id+"@example.vn")
		must(t, "Register", st.Register(ctx, a, member(a.MemberID, func(m *models.Member) { m.OwnerIDs = []string{id} })))
		must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, token("rt-"+id, id, "fam-"+id)))
		_, err := st.AddNotifications(ctx, []*models.Notification{notification(id, "n-"+id)})
		must(t, "AddNotifications", err)
		must(t, "SavePreferences", st.SavePreferences(ctx, preferences(id)))
		must(t, "AddConsent", st.AddConsent(ctx, &models.Consent{AccountID: id, PolicyVersion: "v1", GivenAt: at(0), Source: models.ConsentAtRegistration}))
		must(t, "EnqueueMail", st.EnqueueMail(ctx, []*models.OutboxMail{
			mail("m-"+id, "k-"+id, func(m *models.OutboxMail) { m.AccountID, m.To = id, id+"@example.vn" }),
			// A mail to the address with no account id, such as a digest queued before.
			mail("m2-"+id, "k2-"+id, func(m *models.OutboxMail) { m.AccountID, m.To = "", id+"@example.vn" }),
		}))
	}
	must(t, "EraseAccount", st.EraseAccount(ctx, "ac-1", "AC-1@example.vn"))

	_, err := st.Account(ctx, "ac-1")
	assertCode(t, "Account after erasure", err, models.CodeNotFound)
	_, err = st.AccountByEmail(ctx, "ac-1@example.vn")
	assertCode(t, "AccountByEmail after erasure", err, models.CodeNotFound)
	_, err = st.RefreshTokenByHash(ctx, token("rt-ac-1", "ac-1", "fam-ac-1").Hash)
	assertCode(t, "refresh token after erasure", err, models.CodeNotFound)
	_, err = st.Preferences(ctx, "ac-1")
	assertCode(t, "Preferences after erasure", err, models.CodeNotFound)
	if ns, n, err := st.ListNotifications(ctx, "ac-1", models.Page{}); err != nil || n != 0 || len(ns) != 0 {
		t.Errorf("notifications after erasure: %d (err %v)", n, err)
	}
	if cs, err := st.Consents(ctx, "ac-1"); err != nil || len(cs) != 0 {
		t.Errorf("consents after erasure: %d (err %v)", len(cs), err)
	}
	claimed, ids := claimMail(t, st, at(time.Hour), 10)
	for _, m := range claimed {
		if m.To != "ac-2@example.vn" {
			t.Errorf("mail %s to %s survived the erasure", m.ID, m.To)
		}
	}
	if len(ids) != 2 {
		t.Errorf("mails left: %v, want the two of ac-2", ids)
	}

	if _, err := st.Account(ctx, "ac-2"); err != nil {
		t.Errorf("the other account: %v", err)
	}
	if _, err := st.Preferences(ctx, "ac-2"); err != nil {
		t.Errorf("the other account's preferences: %v", err)
	}
	if _, n, _ := st.ListNotifications(ctx, "ac-2", models.Page{}); n != 1 {
		t.Errorf("the other account's notifications: %d, want 1", n)
	}
	if cs, _ := st.Consents(ctx, "ac-2"); len(cs) != 1 {
		t.Errorf("the other account's consents: %d, want 1", len(cs))
	}
	if _, err := st.Member(ctx, "st-ac-1"); err != nil {
		t.Errorf("EraseAccount must leave the profile to the caller: %v", err)
	}
}

func (s suite) eraseMissing(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	assertCode(t, "EraseAccount of nobody", st.EraseAccount(ctx, "ac-9", "nobody@example.vn"), models.CodeNotFound)
}

func (s suite) detachInterests(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	for _, i := range []*models.Interest{
		interest("in-1", "ch-1", "st-1", func(i *models.Interest) { i.AccountID = "ac-1" }),
		interest("in-2", "ch-2", "st-1", func(i *models.Interest) { i.AccountID = "ac-9" }),
		interest("in-3", "ch-1", "ag-2", func(i *models.Interest) { i.AccountID = "ac-1" }),
		interest("in-4", "ch-1", "st-3", func(i *models.Interest) { i.AccountID = "ac-3" }),
	} {
		must(t, "CreateInterest", st.CreateInterest(ctx, i))
	}
	must(t, "DetachInterests", st.DetachInterests(ctx, "st-1", "anon-1", "ac-1"))
	want := map[string][2]string{"in-1": {"anon-1", ""}, "in-2": {"anon-1", ""}, "in-3": {"ag-2", ""}, "in-4": {"st-3", "ac-3"}}
	for id, w := range want {
		i, err := st.Interest(ctx, id)
		must(t, "Interest "+id, err)
		if i.MemberID != w[0] || i.AccountID != w[1] {
			t.Errorf("%s: member %q account %q, want %q %q", id, i.MemberID, i.AccountID, w[0], w[1])
		}
		if i.Message == "" || i.ChallengeID == "" {
			t.Errorf("%s lost its content", id)
		}
	}
	if _, n, _ := st.ListInterests(ctx, models.InterestFilter{MemberID: "st-1"}); n != 0 {
		t.Errorf("interests still listed under the detached member: %d", n)
	}
	must(t, "DetachInterests without a member", st.DetachInterests(ctx, "", "", "ac-3"))
	if i, _ := st.Interest(ctx, "in-4"); i.MemberID != "st-3" || i.AccountID != "" {
		t.Errorf("in-4 after detaching its sender: %+v", i)
	}
}

func (s suite) forgetMemberInNotifications(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	_, err := st.AddNotifications(ctx, []*models.Notification{
		notification("ac-agency", "interest:1", func(n *models.Notification) { n.MemberID, n.Title = "st-1", "Công ty Rời Đi → Bài toán" }),
		notification("ac-agency", "interest:2", func(n *models.Notification) { n.MemberID, n.Title = "st-2", "Công ty Ở Lại → Bài toán" }),
	})
	must(t, "AddNotifications", err)
	must(t, "ForgetMemberInNotifications", st.ForgetMemberInNotifications(ctx, "st-1", "gone-1", "—"))
	ns, _, err := st.ListNotifications(ctx, "ac-agency", models.Page{})
	must(t, "ListNotifications", err)
	got := map[string][2]string{}
	for _, n := range ns {
		got[n.Key] = [2]string{n.MemberID, n.Title}
	}
	if got["interest:1"] != [2]string{"gone-1", "—"} || got["interest:2"] != [2]string{"st-2", "Công ty Ở Lại → Bài toán"} {
		t.Errorf("notifications after forgetting st-1: %v", got)
	}
}
