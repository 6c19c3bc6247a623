package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) oneTimeTests() []test {
	return []test{
		{"RoundTrip", s.oneTimeRoundTrip},
		{"TakenIDAndHash", s.oneTimeTaken},
		{"ConsumeOnce", s.oneTimeConsumeOnce},
		{"ConsumeRespectsKindAndExpiry", s.oneTimeKindExpiry},
		{"ConsumeConcurrently", s.oneTimeRace},
	}
}

func (s suite) claimRequestTests() []test {
	return []test{
		{"RoundTripAndList", s.claimRoundTrip},
		{"DecideOnce", s.claimDecideOnce},
		{"DecideConcurrently", s.claimRace},
	}
}

func oneTime(id string, kind models.TokenKind) *models.OneTimeToken {
	return &models.OneTimeToken{ID: id, Kind: kind, Hash: "sha256-" + id, AccountID: "ac-1", MemberID: "st-1",
		Email: "lan@example.vn", Role: models.StaffMember, CreatedBy: "ac-admin", CreatedAt: at(0), ExpiresAt: at(time.Hour)}
}

func (s suite) oneTimeRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	fresh := oneTime("ot-1", models.TokenClaimProfile)
	used := oneTime("ot-2", models.TokenResetPassword)
	used.UsedAt = ptr(at(time.Minute))
	for _, tok := range []*models.OneTimeToken{fresh, used} {
		must(t, "CreateToken", st.CreateToken(ctx, tok))
		got, err := st.TokenByHash(ctx, tok.Hash)
		must(t, "TokenByHash", err)
		assertSame(t, "OneTimeToken "+tok.ID, tok, got)
	}
	_, err := st.TokenByHash(ctx, "sha256-nothing")
	assertCode(t, "TokenByHash of an unknown hash", err, models.CodeNotFound)
}

func (s suite) oneTimeTaken(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "CreateToken", st.CreateToken(ctx, oneTime("ot-1", models.TokenVerifyEmail)))
	sameID := oneTime("ot-1", models.TokenVerifyEmail)
	sameID.Hash = "sha256-other"
	assertCode(t, "CreateToken with a taken id", st.CreateToken(ctx, sameID), models.CodeConflict)
	sameHash := oneTime("ot-2", models.TokenVerifyEmail)
	sameHash.Hash = "sha256-ot-1"
	assertCode(t, "CreateToken with a taken hash", st.CreateToken(ctx, sameHash), models.CodeConflict)
}

func (s suite) oneTimeConsumeOnce(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	tok := oneTime("ot-1", models.TokenStaffInvite)
	must(t, "CreateToken", st.CreateToken(ctx, tok))
	got, err := st.ConsumeToken(ctx, tok.Hash, models.TokenStaffInvite, at(time.Minute))
	must(t, "ConsumeToken", err)
	tok.UsedAt = ptr(at(time.Minute))
	assertSame(t, "consumed token", tok, got)
	_, err = st.ConsumeToken(ctx, tok.Hash, models.TokenStaffInvite, at(2*time.Minute))
	assertCode(t, "ConsumeToken a second time", err, models.CodeNotFound)
	stored, err := st.TokenByHash(ctx, tok.Hash)
	must(t, "TokenByHash", err)
	if stored.UsedAt == nil || !sameTime(*stored.UsedAt, at(time.Minute)) {
		t.Errorf("UsedAt = %v, want the first consumption at %v", stored.UsedAt, at(time.Minute))
	}
}

func (s suite) oneTimeKindExpiry(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	tok := oneTime("ot-1", models.TokenResetPassword)
	must(t, "CreateToken", st.CreateToken(ctx, tok))
	_, err := st.ConsumeToken(ctx, tok.Hash, models.TokenClaimProfile, at(time.Minute))
	assertCode(t, "ConsumeToken as another kind", err, models.CodeNotFound)
	_, err = st.ConsumeToken(ctx, tok.Hash, models.TokenResetPassword, at(time.Hour))
	assertCode(t, "ConsumeToken at its expiry", err, models.CodeNotFound)
	_, err = st.ConsumeToken(ctx, "sha256-nothing", models.TokenResetPassword, at(0))
	assertCode(t, "ConsumeToken of an unknown hash", err, models.CodeNotFound)
	_, err = st.ConsumeToken(ctx, tok.Hash, models.TokenResetPassword, at(time.Hour-time.Second))
	must(t, "ConsumeToken just before its expiry, after failed attempts", err)
}

func (s suite) oneTimeRace(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	tok := oneTime("ot-1", models.TokenClaimProfile)
	must(t, "CreateToken", st.CreateToken(ctx, tok))
	errs := race(func(int) error {
		_, err := st.ConsumeToken(ctx, tok.Hash, models.TokenClaimProfile, at(time.Minute))
		return err
	})
	wins := 0
	for i, err := range errs {
		switch {
		case err == nil:
			wins++
		case models.ErrorCode(err) != models.CodeNotFound:
			t.Errorf("client %d: want not found, got %v", i, err)
		}
	}
	if wins != 1 {
		t.Errorf("%d clients consumed the token, want exactly 1", wins)
	}
}

func claimRequest(id string, created time.Duration) *models.ClaimRequest {
	return &models.ClaimRequest{ID: id, MemberID: "st-1", AccountID: "ac-1", Message: "Tôi là nhà sáng lập " + id,
		Status: models.ClaimPending, CreatedAt: at(created)}
}

func (s suite) claimRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	for i := range 3 {
		must(t, "CreateClaimRequest", st.CreateClaimRequest(ctx, claimRequest(fmt.Sprintf("cr-%d", i), time.Duration(i)*time.Minute)))
	}
	decided := claimRequest("cr-x", 10*time.Minute)
	decided.Status, decided.DecidedAt, decided.DecidedBy = models.ClaimRejected, ptr(at(11*time.Minute)), "ac-admin"
	must(t, "CreateClaimRequest", st.CreateClaimRequest(ctx, decided))
	assertCode(t, "CreateClaimRequest with a taken id", st.CreateClaimRequest(ctx, claimRequest("cr-0", 0)), models.CodeConflict)
	got, err := st.ClaimRequest(ctx, "cr-x")
	must(t, "ClaimRequest", err)
	assertSame(t, "ClaimRequest", decided, got)
	_, err = st.ClaimRequest(ctx, "cr-none")
	assertCode(t, "ClaimRequest of an unknown id", err, models.CodeNotFound)

	pending, total, err := st.ListClaimRequests(ctx, models.ClaimPending, models.Page{Page: 1, PerPage: 2})
	must(t, "ListClaimRequests", err)
	if total != 3 || len(pending) != 2 || pending[0].ID != "cr-2" || pending[1].ID != "cr-1" {
		t.Errorf("pending page 1: total %d, %v; want 3 and cr-2, cr-1", total, claimIDs(pending))
	}
	all, total, err := st.ListClaimRequests(ctx, "", models.Page{})
	must(t, "ListClaimRequests", err)
	if total != 4 || len(all) != 4 || all[0].ID != "cr-x" {
		t.Errorf("all: total %d, %v; want 4 with cr-x first", total, claimIDs(all))
	}
}

func claimIDs(rs []*models.ClaimRequest) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func (s suite) claimDecideOnce(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "CreateClaimRequest", st.CreateClaimRequest(ctx, claimRequest("cr-1", 0)))
	got, err := st.DecideClaimRequest(ctx, "cr-1", models.ClaimApproved, "ac-admin", at(time.Hour))
	must(t, "DecideClaimRequest", err)
	want := claimRequest("cr-1", 0)
	want.Status, want.DecidedAt, want.DecidedBy = models.ClaimApproved, ptr(at(time.Hour)), "ac-admin"
	assertSame(t, "decided request", want, got)
	_, err = st.DecideClaimRequest(ctx, "cr-1", models.ClaimRejected, "ac-other", at(2*time.Hour))
	assertCode(t, "DecideClaimRequest a second time", err, models.CodeConflict)
	got, err = st.ClaimRequest(ctx, "cr-1")
	must(t, "ClaimRequest", err)
	assertSame(t, "request after a second decision", want, got)
	_, err = st.DecideClaimRequest(ctx, "cr-none", models.ClaimApproved, "ac-admin", at(0))
	assertCode(t, "DecideClaimRequest of an unknown id", err, models.CodeNotFound)
}

func (s suite) claimRace(t *testing.T) {
	st := s.concurrent(t)
	ctx := t.Context()
	must(t, "CreateClaimRequest", st.CreateClaimRequest(ctx, claimRequest("cr-1", 0)))
	errs := race(func(i int) error {
		status := models.ClaimApproved
		if i%2 == 1 {
			status = models.ClaimRejected
		}
		_, err := st.DecideClaimRequest(ctx, "cr-1", status, fmt.Sprintf("ac-%d", i), at(time.Minute))
		return err
	})
	winner := assertOneWinner(t, "DecideClaimRequest", errs)
	got, err := st.ClaimRequest(ctx, "cr-1")
	must(t, "ClaimRequest", err)
	if got.DecidedBy != fmt.Sprintf("ac-%d", winner) {
		t.Errorf("decided by %q, want the winner ac-%d", got.DecidedBy, winner)
	}
}
