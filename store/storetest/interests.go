package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) interestTests() []test {
	return []test{
		{"RoundTrip", s.interestRoundTrip},
		{"CreateTaken", s.interestCreateTaken},
		{"Update", s.interestUpdate},
		{"List", s.interestList},
		{"Pages", s.interestPages},
		{"NotFound", s.interestNotFound},
	}
}

// interest returns an interest of a member in a challenge with every field set, then applies edits.
func interest(id, challengeID, memberID string, edits ...func(*models.Interest)) *models.Interest {
	i := &models.Interest{
		ID:          id,
		ChallengeID: challengeID,
		MemberID:    memberID,
		AccountID:   "ac-" + memberID,
		Kind:        models.Proposal,
		Message:     "Chúng tôi đề xuất thí điểm tại nút giao Kim Liên trong 3 tháng.\nA 3-month pilot.",
		Status:      models.InterestSubmitted,
		CreatedAt:   at(time.Hour),
		UpdatedAt:   at(time.Hour),
	}
	for _, e := range edits {
		e(i)
	}
	return i
}

func (s suite) interestRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	cases := map[string]*models.Interest{
		"proposal": interest("in-1", "ch-1", "st-1"),
		"interest only": interest("in-2", "ch-1", "ex-1", func(i *models.Interest) {
			i.Kind, i.Message, i.Status = models.InterestOnly, "", models.InterestShortlisted
		}),
		"no id": interest("", "ch-2", "st-1"),
	}
	for name, i := range cases {
		must(t, "CreateInterest "+name, st.CreateInterest(ctx, i))
		if i.Version != 1 || i.ID == "" {
			t.Errorf("CreateInterest %s: version %d and id %q, want 1 and an id", name, i.Version, i.ID)
		}
	}
	for name, i := range cases {
		got, err := st.Interest(ctx, i.ID)
		must(t, "Interest "+name, err)
		assertSame(t, "Interest "+name, i, got)
		got, err = st.InterestFor(ctx, i.ChallengeID, i.MemberID)
		must(t, "InterestFor "+name, err)
		assertSame(t, "InterestFor "+name, i, got)
	}
}

func (s suite) interestCreateTaken(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	first := interest("in-1", "ch-1", "st-1")
	must(t, "CreateInterest", st.CreateInterest(ctx, first))
	cases := []struct {
		name string
		i    *models.Interest
	}{
		{"same challenge and member", interest("in-2", "ch-1", "st-1", func(i *models.Interest) { i.Message = "again" })},
		{"same id", interest("in-1", "ch-2", "st-2")},
	}
	for _, c := range cases {
		assertCode(t, "CreateInterest with the "+c.name, st.CreateInterest(ctx, c.i), models.CodeConflict)
	}
	got, err := st.InterestFor(ctx, "ch-1", "st-1")
	must(t, "InterestFor", err)
	assertSame(t, "Interest after failed creations", first, got)
	_, err = st.Interest(ctx, "in-2")
	assertCode(t, "Interest of a failed creation", err, models.CodeNotFound)
	must(t, "CreateInterest of another member", st.CreateInterest(ctx, interest("in-3", "ch-1", "st-2")))
	must(t, "CreateInterest in another challenge", st.CreateInterest(ctx, interest("in-4", "ch-2", "st-1")))
}

func (s suite) interestUpdate(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	i := interest("in-1", "ch-1", "st-1")
	must(t, "CreateInterest", st.CreateInterest(ctx, i))
	stale := *i
	i.Status, i.Message, i.UpdatedAt = models.InterestShortlisted, "", at(2*time.Hour)
	must(t, "UpdateInterest", st.UpdateInterest(ctx, i))
	if i.Version != 2 {
		t.Fatalf("UpdateInterest: version %d, want 2", i.Version)
	}
	got, err := st.Interest(ctx, i.ID)
	must(t, "Interest", err)
	assertSame(t, "Interest after UpdateInterest", i, got)

	stale.Status = models.InterestDeclined
	assertCode(t, "UpdateInterest from a stale version", st.UpdateInterest(ctx, &stale), models.CodeConflict)
	if stale.Version != 1 {
		t.Errorf("a failed UpdateInterest changed the version to %d", stale.Version)
	}
	got, err = st.InterestFor(ctx, "ch-1", "st-1")
	must(t, "InterestFor", err)
	assertSame(t, "Interest after a stale UpdateInterest", i, got)

	missing := interest("in-missing", "ch-9", "st-9")
	missing.Version = 1
	assertCode(t, "UpdateInterest of a missing interest", st.UpdateInterest(ctx, missing), models.CodeNotFound)
}

// interestBoard stores interests of two challenges from several members, created a minute apart in the order
// listed, and returns them by id.
func interestBoard(t *testing.T, st models.Store) map[string]*models.Interest {
	t.Helper()
	rows := []struct{ id, challenge, member string }{
		{"in-1", "ch-1", "st-1"},
		{"in-2", "ch-1", "st-2"},
		{"in-3", "ch-2", "st-1"},
		{"in-4", "ch-1", "ex-1"},
		{"in-5", "ch-2", "ex-1"},
	}
	out := map[string]*models.Interest{}
	for n, r := range rows {
		i := interest(r.id, r.challenge, r.member, func(i *models.Interest) {
			i.CreatedAt = at(time.Duration(n+1) * time.Minute)
			i.UpdatedAt = at(time.Duration(10-n) * time.Minute)
		})
		must(t, "CreateInterest", st.CreateInterest(t.Context(), i))
		out[i.ID] = i
	}
	return out
}

func (s suite) interestList(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	board := interestBoard(t, st)
	cases := []struct {
		name   string
		filter models.InterestFilter
		want   []string
	}{
		{"challenge", models.InterestFilter{ChallengeID: "ch-1"}, []string{"in-4", "in-2", "in-1"}},
		{"other challenge", models.InterestFilter{ChallengeID: "ch-2"}, []string{"in-5", "in-3"}},
		{"member", models.InterestFilter{MemberID: "st-1"}, []string{"in-3", "in-1"}},
		{"challenge and member", models.InterestFilter{ChallengeID: "ch-2", MemberID: "ex-1"}, []string{"in-5"}},
		{"unknown challenge", models.InterestFilter{ChallengeID: "ch-9"}, nil},
		{"unknown member", models.InterestFilter{MemberID: "ag-1"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, total, err := st.ListInterests(ctx, c.filter)
			must(t, "ListInterests", err)
			if ids := interestIDs(got); !slices.Equal(ids, c.want) || total != len(c.want) {
				t.Errorf("ListInterests(%+v) = %v (total %d), want %v", c.filter, ids, total, c.want)
			}
			for _, i := range got {
				assertSame(t, "listed interest "+i.ID, board[i.ID], i)
			}
		})
	}
}

func (s suite) interestPages(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	interestBoard(t, st)
	order := []string{"in-4", "in-2", "in-1"}
	for page, want := range [][]string{order[:2], order[2:], nil} {
		f := models.InterestFilter{ChallengeID: "ch-1", Page: models.Page{Page: page + 1, PerPage: 2}}
		got, total, err := st.ListInterests(ctx, f)
		must(t, "ListInterests", err)
		if ids := interestIDs(got); !slices.Equal(ids, want) || total != len(order) {
			t.Errorf("ListInterests(page %d) = %v (total %d), want %v (total %d)", page+1, ids, total, want, len(order))
		}
	}
}

func (s suite) interestNotFound(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "CreateInterest", st.CreateInterest(ctx, interest("in-1", "ch-1", "st-1")))
	_, err := st.Interest(ctx, "in-nothing")
	assertCode(t, "Interest", err, models.CodeNotFound)
	for _, c := range [][2]string{{"ch-1", "st-2"}, {"ch-2", "st-1"}} {
		_, err = st.InterestFor(ctx, c[0], c[1])
		assertCode(t, "InterestFor("+c[0]+", "+c[1]+")", err, models.CodeNotFound)
	}
}

func interestIDs(is []*models.Interest) []string {
	out := make([]string, len(is))
	for n, i := range is {
		out[n] = i.ID
	}
	return out
}
