package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) challengeTests() []test {
	return []test{
		{"RoundTrip", s.challengeRoundTrip},
		{"CreateTakenID", s.challengeCreateTakenID},
		{"Update", s.challengeUpdate},
		{"List", s.challengeList},
		{"Pages", s.challengePages},
		{"Upsert", s.challengeUpsert},
		{"NotFound", s.challengeNotFound},
	}
}

func (s suite) challengeRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	cases := map[string]*models.Challenge{
		"full": challenge("ch-1"),
		"zero budget": challenge("ch-2", func(c *models.Challenge) {
			c.BudgetVND, c.PreferredKinds = ptr(int64(0)), []models.Kind{models.KindInnovationCenter}
		}),
		"minimal": {ID: "ch-3", PostedBy: "ag-1", Title: "Số hoá hồ sơ", Description: "Số hoá hồ sơ đất đai của phường.",
			Status: models.ChallengeDraft, CreatedAt: at(0), UpdatedAt: at(0)},
	}
	for name, c := range cases {
		must(t, "CreateChallenge "+name, st.CreateChallenge(ctx, c))
		if c.Version != 1 {
			t.Errorf("CreateChallenge %s: version %d, want 1", name, c.Version)
		}
	}
	for name, c := range cases {
		got, err := st.Challenge(ctx, c.ID)
		must(t, "Challenge "+name, err)
		assertSame(t, "Challenge "+name, c, got)
	}
}

func (s suite) challengeCreateTakenID(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "CreateChallenge", st.CreateChallenge(ctx, challenge("ch-1")))
	err := st.CreateChallenge(ctx, challenge("ch-1"))
	assertCode(t, "CreateChallenge with a taken id", err, models.CodeConflict)
}

func (s suite) challengeUpdate(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	c := challenge("ch-1", func(c *models.Challenge) { c.Status, c.PublishedAt, c.ClosedAt = models.ChallengeDraft, nil, nil })
	must(t, "CreateChallenge", st.CreateChallenge(ctx, c))
	stale := *c
	c.Status, c.PublishedAt, c.BudgetVND, c.UpdatedAt = models.ChallengeOpen, ptr(at(time.Hour)), nil, at(time.Hour)
	must(t, "UpdateChallenge", st.UpdateChallenge(ctx, c))
	if c.Version != 2 {
		t.Fatalf("UpdateChallenge: version %d, want 2", c.Version)
	}
	got, err := st.Challenge(ctx, c.ID)
	must(t, "Challenge", err)
	assertSame(t, "Challenge after UpdateChallenge", c, got)

	stale.Title = "lost update"
	assertCode(t, "UpdateChallenge from a stale version", st.UpdateChallenge(ctx, &stale), models.CodeConflict)
	if stale.Version != 1 {
		t.Errorf("a failed UpdateChallenge changed the version to %d", stale.Version)
	}
	got, err = st.Challenge(ctx, c.ID)
	must(t, "Challenge", err)
	assertSame(t, "Challenge after a stale UpdateChallenge", c, got)

	missing := challenge("ch-missing")
	missing.Version = 1
	assertCode(t, "UpdateChallenge of a missing challenge", st.UpdateChallenge(ctx, missing), models.CodeNotFound)
}

func (s suite) challengeList(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	type row struct {
		id, postedBy, ward string
		sectors            []string
		status             models.ChallengeStatus
	}
	rows := []row{
		{"ch-1", "ag-1", "Đống Đa", []string{"mobility", "iot_smart_city"}, models.ChallengeOpen},
		{"ch-2", "ag-1", "Hoàn Kiếm", []string{"heritage_culture"}, models.ChallengeDraft},
		{"ch-3", "ag-2", "Đống Đa", []string{"water_flood", "mobility"}, models.ChallengeClosed},
		{"ch-4", "ag-2", "Cầu Giấy", []string{"health"}, models.ChallengeAwarded},
		{"ch-5", "ag-3", "Hoàn Kiếm", []string{"mobility"}, models.ChallengeOpen},
	}
	for i, r := range rows {
		must(t, "CreateChallenge", st.CreateChallenge(ctx, challenge(r.id, func(c *models.Challenge) {
			c.PostedBy, c.Ward, c.Sectors, c.Status = r.postedBy, r.ward, r.sectors, r.status
			c.UpdatedAt = at(time.Duration(i+1) * time.Minute)
		})))
	}
	open, closed := models.ChallengeOpen, models.ChallengeClosed
	cases := []struct {
		name   string
		filter models.ChallengeFilter
		want   []string
	}{
		{"all", models.ChallengeFilter{}, []string{"ch-5", "ch-4", "ch-3", "ch-2", "ch-1"}},
		{"open", models.ChallengeFilter{Statuses: []models.ChallengeStatus{open}}, []string{"ch-5", "ch-1"}},
		{"open or closed", models.ChallengeFilter{Statuses: []models.ChallengeStatus{open, closed}}, []string{"ch-5", "ch-3", "ch-1"}},
		{"sector", models.ChallengeFilter{Sector: "mobility"}, []string{"ch-5", "ch-3", "ch-1"}},
		{"ward", models.ChallengeFilter{Ward: "Hoàn Kiếm"}, []string{"ch-5", "ch-2"}},
		{"posted by", models.ChallengeFilter{PostedBy: "ag-2"}, []string{"ch-4", "ch-3"}},
		{"sector and status", models.ChallengeFilter{Sector: "mobility", Statuses: []models.ChallengeStatus{open}}, []string{"ch-5", "ch-1"}},
		{"ward and poster", models.ChallengeFilter{Ward: "Đống Đa", PostedBy: "ag-1"}, []string{"ch-1"}},
		{"nothing", models.ChallengeFilter{Sector: "energy"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, total, err := st.ListChallenges(ctx, c.filter)
			must(t, "ListChallenges", err)
			if ids := challengeIDs(got); !slices.Equal(ids, c.want) || total != len(c.want) {
				t.Errorf("ListChallenges(%+v) = %v (total %d), want %v", c.filter, ids, total, c.want)
			}
		})
	}
	got, _, err := st.ListChallenges(ctx, models.ChallengeFilter{PostedBy: "ag-3"})
	must(t, "ListChallenges", err)
	if len(got) == 1 {
		want := challenge("ch-5", func(c *models.Challenge) {
			c.PostedBy, c.Ward, c.Sectors, c.UpdatedAt, c.Version = "ag-3", "Hoàn Kiếm", []string{"mobility"}, at(5*time.Minute), 1
		})
		assertSame(t, "listed challenge", want, got[0])
	}
}

func (s suite) challengePages(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	var cs []*models.Challenge
	for i, id := range ids("ch", 5) {
		cs = append(cs, challenge(id, func(c *models.Challenge) { c.UpdatedAt = at(time.Duration(i/2) * time.Minute) }))
	}
	must(t, "UpsertChallenges", st.UpsertChallenges(ctx, cs))
	order := []string{"ch-5", "ch-3", "ch-4", "ch-1", "ch-2"}
	for page, want := range [][]string{order[:2], order[2:4], order[4:], nil} {
		got, total, err := st.ListChallenges(ctx, models.ChallengeFilter{Page: models.Page{Page: page + 1, PerPage: 2}})
		must(t, "ListChallenges", err)
		if ids := challengeIDs(got); !slices.Equal(ids, want) || total != len(order) {
			t.Errorf("ListChallenges(page %d) = %v (total %d), want %v (total %d)", page+1, ids, total, want, len(order))
		}
	}
}

func (s suite) challengeUpsert(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "UpsertChallenges(none)", st.UpsertChallenges(ctx, nil))
	must(t, "UpsertChallenges", st.UpsertChallenges(ctx, []*models.Challenge{challenge("ch-1"), challenge("ch-2")}))
	replacement := challenge("ch-1", func(c *models.Challenge) {
		c.Title, c.BudgetVND, c.Sectors, c.Status, c.Version = "Replaced", nil, []string{"energy"}, models.ChallengeClosed, 9
	})
	must(t, "UpsertChallenges", st.UpsertChallenges(ctx, []*models.Challenge{replacement, challenge("ch-3")}))
	want := map[string]int64{"ch-1": 2, "ch-2": 1, "ch-3": 1}
	for id, v := range want {
		c, err := st.Challenge(ctx, id)
		must(t, "Challenge "+id, err)
		if c.Version != v {
			t.Errorf("challenge %s: version %d, want %d", id, c.Version, v)
		}
	}
	got, err := st.Challenge(ctx, "ch-1")
	must(t, "Challenge", err)
	replaced := *replacement
	replaced.Version = 2
	assertSame(t, "Challenge after UpsertChallenges", &replaced, got)
	list, total, err := st.ListChallenges(ctx, models.ChallengeFilter{Sector: "mobility"})
	must(t, "ListChallenges", err)
	if ids := challengeIDs(list); !slices.Equal(ids, []string{"ch-2", "ch-3"}) || total != 2 {
		t.Errorf("ListChallenges(sector of the replaced) = %v (total %d), want [ch-2 ch-3]", ids, total)
	}
	_, total, err = st.ListChallenges(ctx, models.ChallengeFilter{})
	must(t, "ListChallenges", err)
	if total != len(want) {
		t.Errorf("ListChallenges: total %d, want %d", total, len(want))
	}
}

func (s suite) challengeNotFound(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	_, err := st.Challenge(ctx, "ch-nobody")
	assertCode(t, "Challenge", err, models.CodeNotFound)
}

func challengeIDs(cs []*models.Challenge) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
