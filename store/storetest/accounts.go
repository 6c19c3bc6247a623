package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) accountTests() []test {
	return []test{
		{"RegisterRoundTrip", s.registerRoundTrip},
		{"RegisterTakenEmail", s.registerTakenEmail},
		{"RegisterTakenIDs", s.registerTakenIDs},
		{"CreateAccount", s.createAccount},
		{"UpdateAccount", s.updateAccount},
		{"UpdateAccountEmail", s.updateAccountEmail},
		{"AccountNotFound", s.accountNotFound},
	}
}

func (s suite) registerRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	a := account("ac-1", "Lan.Nguyen@Example.VN")
	m := member("st-ac-1", func(m *models.Member) { m.Status = models.ProfileDraft; m.PublishedAt = nil })
	must(t, "Register", st.Register(ctx, a, m))
	if a.Version != 1 || m.Version != 1 {
		t.Fatalf("Register: versions %d and %d, want 1 and 1", a.Version, m.Version)
	}
	want := *a
	want.Email = "lan.nguyen@example.vn"
	got, err := st.Account(ctx, a.ID)
	must(t, "Account", err)
	assertSame(t, "Account", &want, got)
	for _, email := range []string{"lan.nguyen@example.vn", "LAN.NGUYEN@EXAMPLE.VN", " Lan.Nguyen@example.vn "} {
		got, err := st.AccountByEmail(ctx, email)
		must(t, "AccountByEmail("+email+")", err)
		assertSame(t, "AccountByEmail("+email+")", &want, got)
	}
	gm, err := st.Member(ctx, m.ID)
	must(t, "Member", err)
	assertSame(t, "Member", m, gm)
}

func (s suite) registerTakenEmail(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "Register", st.Register(ctx, account("ac-1", "lan@example.vn"), member("st-1")))
	err := st.Register(ctx, account("ac-2", "LAN@example.vn"), member("st-2"))
	assertCode(t, "Register with a taken email", err, models.CodeConflict)
	assertPointer(t, err, "/email")
	_, err = st.Member(ctx, "st-2")
	assertCode(t, "Member of a failed Register", err, models.CodeNotFound)
	_, err = st.Account(ctx, "ac-2")
	assertCode(t, "Account of a failed Register", err, models.CodeNotFound)
	_, total, err := st.ListMembers(ctx, models.MemberFilter{})
	must(t, "ListMembers", err)
	if total != 1 {
		t.Errorf("ListMembers after a failed Register: total %d, want 1", total)
	}
}

func (s suite) registerTakenIDs(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "Register", st.Register(ctx, account("ac-1", "lan@example.vn"), member("st-1")))
	err := st.Register(ctx, account("ac-1", "other@example.vn"), member("st-2"))
	assertCode(t, "Register with a taken account id", err, models.CodeConflict)
	if _, err := st.Member(ctx, "st-2"); models.ErrorCode(err) != models.CodeNotFound {
		t.Errorf("Member of a failed Register: want not found, got %v", err)
	}
	err = st.Register(ctx, account("ac-3", "third@example.vn"), member("st-1"))
	assertCode(t, "Register with a taken member id", err, models.CodeConflict)
	if _, err := st.AccountByEmail(ctx, "third@example.vn"); models.ErrorCode(err) != models.CodeNotFound {
		t.Errorf("Account of a failed Register: want not found, got %v", err)
	}
}

func (s suite) createAccount(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	a := account("ac-admin", "admin@innonet.vn")
	a.Role, a.MemberID, a.LastLoginAt, a.FailedLogins = models.RoleAdmin, "", nil, 0
	must(t, "CreateAccount", st.CreateAccount(ctx, a))
	if a.Version != 1 {
		t.Errorf("CreateAccount: version %d, want 1", a.Version)
	}
	got, err := st.Account(ctx, a.ID)
	must(t, "Account", err)
	assertSame(t, "Account", a, got)

	err = st.CreateAccount(ctx, account("ac-other", "ADMIN@innonet.vn"))
	assertCode(t, "CreateAccount with a taken email", err, models.CodeConflict)
	assertPointer(t, err, "/email")
	err = st.CreateAccount(ctx, account("ac-admin", "new@innonet.vn"))
	assertCode(t, "CreateAccount with a taken id", err, models.CodeConflict)
}

func (s suite) updateAccount(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	a := account("ac-1", "lan@example.vn")
	must(t, "CreateAccount", st.CreateAccount(ctx, a))
	stale := *a
	a.Name, a.PasswordHash, a.FailedLogins = "Lan N.", "$argon2id$new", 0
	a.LastLoginAt, a.PasswordChangedAt, a.Role = ptr(at(48*time.Hour)), at(47*time.Hour), models.RoleAdmin
	must(t, "UpdateAccount", st.UpdateAccount(ctx, a))
	if a.Version != 2 {
		t.Fatalf("UpdateAccount: version %d, want 2", a.Version)
	}
	got, err := st.Account(ctx, a.ID)
	must(t, "Account", err)
	assertSame(t, "Account after UpdateAccount", a, got)

	stale.Name = "lost update"
	assertCode(t, "UpdateAccount with a stale version", st.UpdateAccount(ctx, &stale), models.CodeConflict)
	if stale.Version != 1 {
		t.Errorf("a failed UpdateAccount changed the version to %d", stale.Version)
	}
	got, err = st.Account(ctx, a.ID)
	must(t, "Account", err)
	assertSame(t, "Account after a stale UpdateAccount", a, got)

	missing := account("ac-missing", "missing@example.vn")
	missing.Version = 1
	assertCode(t, "UpdateAccount of a missing account", st.UpdateAccount(ctx, missing), models.CodeNotFound)
}

func (s suite) updateAccountEmail(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	a, b := account("ac-1", "lan@example.vn"), account("ac-2", "minh@example.vn")
	must(t, "CreateAccount", st.CreateAccount(ctx, a))
	must(t, "CreateAccount", st.CreateAccount(ctx, b))

	b.Email = "Lan@Example.vn"
	err := st.UpdateAccount(ctx, b)
	assertCode(t, "UpdateAccount to a taken email", err, models.CodeConflict)
	assertPointer(t, err, "/email")

	b.Email = "Minh.Tran@Example.vn"
	must(t, "UpdateAccount", st.UpdateAccount(ctx, b))
	got, err := st.AccountByEmail(ctx, "minh.tran@example.vn")
	must(t, "AccountByEmail(new email)", err)
	if got.ID != b.ID || got.Email != "minh.tran@example.vn" {
		t.Errorf("AccountByEmail(new email) = %s %q, want %s %q", got.ID, got.Email, b.ID, "minh.tran@example.vn")
	}
	_, err = st.AccountByEmail(ctx, "minh@example.vn")
	assertCode(t, "AccountByEmail(old email)", err, models.CodeNotFound)
}

func (s suite) accountNotFound(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	_, err := st.Account(ctx, "ac-nobody")
	assertCode(t, "Account", err, models.CodeNotFound)
	_, err = st.AccountByEmail(ctx, "nobody@example.vn")
	assertCode(t, "AccountByEmail", err, models.CodeNotFound)
}

// assertPointer fails the test unless err names the field.
func assertPointer(t *testing.T, err error, pointer string) {
	t.Helper()
	var got []string
	for _, f := range models.ErrorFields(err) {
		if f.Pointer == pointer {
			return
		}
		got = append(got, f.Pointer)
	}
	t.Errorf("error %v: want the field %s, got [%s]", err, pointer, strings.Join(got, " "))
}
