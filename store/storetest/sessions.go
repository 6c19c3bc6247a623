package storetest

import (
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) sessionTests() []test {
	return []test{
		{"RoundTrip", s.tokenRoundTrip},
		{"TakenIDAndHash", s.tokenTaken},
		{"UseOnce", s.tokenUseOnce},
		{"RevokeFamily", s.tokenRevokeFamily},
		{"RevokeAccountTokens", s.tokenRevokeAccount},
		{"NotFound", s.tokenNotFound},
	}
}

// withAccounts opens a store that holds the accounts, for tokens to belong to.
func (s suite) withAccounts(t *testing.T, accountIDs ...string) models.Store {
	st := s.open(t)
	for _, id := range accountIDs {
		must(t, "CreateAccount", st.CreateAccount(t.Context(), account(id, id+"@example.vn")))
	}
	return st
}

func (s suite) tokenRoundTrip(t *testing.T) {
	st, ctx := s.withAccounts(t, "ac-1"), t.Context()
	fresh := token("rt-1", "ac-1", "fam-1")
	spent := token("rt-2", "ac-1", "fam-1")
	spent.UsedAt, spent.RevokedAt = ptr(at(time.Hour)), ptr(at(2*time.Hour))
	for _, tok := range []*models.RefreshToken{fresh, spent} {
		must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, tok))
		got, err := st.RefreshTokenByHash(ctx, tok.Hash)
		must(t, "RefreshTokenByHash", err)
		assertSame(t, "RefreshToken "+tok.ID, tok, got)
	}
	got, err := st.RefreshTokenByHash(ctx, fresh.Hash)
	must(t, "RefreshTokenByHash", err)
	if !got.Usable(at(time.Hour)) || got.Usable(at(31*24*time.Hour)) {
		t.Error("a fresh token must be usable until it expires, and not after")
	}
}

func (s suite) tokenTaken(t *testing.T) {
	st, ctx := s.withAccounts(t, "ac-1"), t.Context()
	must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, token("rt-1", "ac-1", "fam-1")))
	sameID := token("rt-1", "ac-1", "fam-1")
	sameID.Hash = "sha256-other"
	assertCode(t, "CreateRefreshToken with a taken id", st.CreateRefreshToken(ctx, sameID), models.CodeConflict)
	sameHash := token("rt-2", "ac-1", "fam-1")
	sameHash.Hash = "sha256-rt-1"
	assertCode(t, "CreateRefreshToken with a taken hash", st.CreateRefreshToken(ctx, sameHash), models.CodeConflict)
}

func (s suite) tokenUseOnce(t *testing.T) {
	st, ctx := s.withAccounts(t, "ac-1"), t.Context()
	tok := token("rt-1", "ac-1", "fam-1")
	must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, tok))
	now := at(time.Hour)
	for i, want := range []bool{true, false, false} {
		ok, err := st.UseRefreshToken(ctx, tok.ID, now.Add(time.Duration(i)*time.Minute))
		must(t, "UseRefreshToken", err)
		if ok != want {
			t.Fatalf("UseRefreshToken #%d = %v, want %v", i+1, ok, want)
		}
	}
	got, err := st.RefreshTokenByHash(ctx, tok.Hash)
	must(t, "RefreshTokenByHash", err)
	want := *tok
	want.UsedAt = &now
	assertSame(t, "RefreshToken after use", &want, got)
	if got.Usable(now) {
		t.Error("a used token is still usable")
	}
}

func (s suite) tokenRevokeFamily(t *testing.T) {
	st, ctx := s.withAccounts(t, "ac-1"), t.Context()
	a, b, other := token("rt-1", "ac-1", "fam-1"), token("rt-2", "ac-1", "fam-1"), token("rt-3", "ac-1", "fam-2")
	for _, tok := range []*models.RefreshToken{a, b, other} {
		must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, tok))
	}
	if ok, err := st.UseRefreshToken(ctx, a.ID, at(time.Minute)); err != nil || !ok {
		t.Fatalf("UseRefreshToken = %v, %v; want true", ok, err)
	}
	now := at(time.Hour)
	must(t, "RevokeFamily", st.RevokeFamily(ctx, "fam-1", now))
	must(t, "RevokeFamily(unknown)", st.RevokeFamily(ctx, "fam-unknown", now))
	assertRevoked(t, st, map[*models.RefreshToken]bool{a: true, b: true, other: false}, now)
	for _, c := range []struct {
		tok  *models.RefreshToken
		want bool
	}{{b, false}, {other, true}} {
		ok, err := st.UseRefreshToken(ctx, c.tok.ID, now)
		must(t, "UseRefreshToken", err)
		if ok != c.want {
			t.Errorf("UseRefreshToken(%s) after RevokeFamily = %v, want %v", c.tok.ID, ok, c.want)
		}
	}
}

func (s suite) tokenRevokeAccount(t *testing.T) {
	st, ctx := s.withAccounts(t, "ac-1", "ac-2"), t.Context()
	a, b, other := token("rt-1", "ac-1", "fam-1"), token("rt-2", "ac-1", "fam-2"), token("rt-3", "ac-2", "fam-3")
	for _, tok := range []*models.RefreshToken{a, b, other} {
		must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, tok))
	}
	now := at(time.Hour)
	must(t, "RevokeAccountTokens", st.RevokeAccountTokens(ctx, "ac-1", now))
	must(t, "RevokeAccountTokens(no tokens)", st.RevokeAccountTokens(ctx, "ac-none", now))
	assertRevoked(t, st, map[*models.RefreshToken]bool{a: true, b: true, other: false}, now)
}

func (s suite) tokenNotFound(t *testing.T) {
	st, ctx := s.withAccounts(t, "ac-1"), t.Context()
	_, err := st.RefreshTokenByHash(ctx, "sha256-nothing")
	assertCode(t, "RefreshTokenByHash", err, models.CodeNotFound)
	_, err = st.UseRefreshToken(ctx, "rt-nothing", at(0))
	assertCode(t, "UseRefreshToken", err, models.CodeNotFound)
}

// assertRevoked checks which tokens were revoked, at now, and that the others are still usable.
func assertRevoked(t *testing.T, st models.Store, want map[*models.RefreshToken]bool, now time.Time) {
	t.Helper()
	for tok, revoked := range want {
		got, err := st.RefreshTokenByHash(t.Context(), tok.Hash)
		must(t, "RefreshTokenByHash", err)
		switch {
		case revoked && (got.RevokedAt == nil || !got.RevokedAt.Truncate(time.Millisecond).Equal(now.Truncate(time.Millisecond))):
			t.Errorf("token %s: revoked at %v, want %v", tok.ID, got.RevokedAt, now)
		case !revoked && (got.RevokedAt != nil || !got.Usable(now)):
			t.Errorf("token %s: revoked at %v, want usable", tok.ID, got.RevokedAt)
		}
	}
}
