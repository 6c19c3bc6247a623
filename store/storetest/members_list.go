package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) memberListTests() []test {
	return []test{
		{"Filters", s.memberListFilters},
		{"OrderAndPages", s.memberListPages},
		{"PageSizeCap", s.memberListCap},
		{"Upsert", s.memberUpsert},
	}
}

// directory is a small directory with a member per combination that the filters tell apart.
func directory() []*models.Member {
	type row struct {
		id      string
		kind    models.Kind
		sectors []string
		ward    string
		stage   string
		verif   models.Verification
		status  models.ProfileStatus
	}
	rows := []row{
		{"st-1", models.KindStartup, []string{"mobility", "ai_data"}, "Hoàn Kiếm", "seed", models.VerificationNone, models.ProfilePublished},
		{"st-2", models.KindStartup, []string{"health"}, "Đống Đa", "mvp", models.VerificationNone, models.ProfileDraft},
		{"ex-1", models.KindExpert, []string{"ai_data", "education"}, "Hoàn Kiếm", "", models.VerificationNone, models.ProfilePublished},
		{"ic-1", models.KindInnovationCenter, []string{"mobility"}, "Cầu Giấy", "", models.VerificationPending, models.ProfilePublished},
		{"ag-1", models.KindAgency, []string{"govtech", "mobility"}, "Hoàn Kiếm", "", models.VerificationVerified, models.ProfilePublished},
		{"ag-2", models.KindAgency, []string{"govtech"}, "Ba Đình", "", models.VerificationRejected, models.ProfileDraft},
	}
	out := make([]*models.Member, len(rows))
	for i, r := range rows {
		out[i] = member(r.id, func(m *models.Member) {
			m.Kind, m.Sectors, m.Ward, m.Stage, m.Verification, m.Status = r.kind, r.sectors, r.ward, r.stage, r.verif, r.status
			m.UpdatedAt = at(time.Duration(i+1) * time.Minute)
		})
	}
	return out
}

func (s suite) memberListFilters(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	for _, m := range directory() {
		must(t, "CreateMember", st.CreateMember(ctx, m))
	}
	cases := []struct {
		name   string
		filter models.MemberFilter
		want   []string
	}{
		{"all", models.MemberFilter{}, []string{"ag-2", "ag-1", "ic-1", "ex-1", "st-2", "st-1"}},
		{"kind", models.MemberFilter{Kind: models.KindStartup}, []string{"st-2", "st-1"}},
		{"sector", models.MemberFilter{Sector: "mobility"}, []string{"ag-1", "ic-1", "st-1"}},
		{"second sector", models.MemberFilter{Sector: "ai_data"}, []string{"ex-1", "st-1"}},
		{"ward", models.MemberFilter{Ward: "Hoàn Kiếm"}, []string{"ag-1", "ex-1", "st-1"}},
		{"stage", models.MemberFilter{Stage: "seed"}, []string{"st-1"}},
		{"verified", models.MemberFilter{Verification: models.VerificationVerified}, []string{"ag-1"}},
		{"unverified", models.MemberFilter{Verification: models.VerificationNone}, []string{"ex-1", "st-2", "st-1"}},
		{"drafts", models.MemberFilter{Status: models.ProfileDraft}, []string{"ag-2", "st-2"}},
		{"published", models.MemberFilter{Status: models.ProfilePublished}, []string{"ag-1", "ic-1", "ex-1", "st-1"}},
		{"kind and status", models.MemberFilter{Kind: models.KindAgency, Status: models.ProfilePublished}, []string{"ag-1"}},
		{"sector, ward and status", models.MemberFilter{Sector: "mobility", Ward: "Hoàn Kiếm", Status: models.ProfilePublished}, []string{"ag-1", "st-1"}},
		{"no sector match", models.MemberFilter{Sector: "energy"}, nil},
		{"no combination", models.MemberFilter{Kind: models.KindExpert, Sector: "health"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, total, err := st.ListMembers(ctx, c.filter)
			must(t, "ListMembers", err)
			if ids := memberIDs(got); !slices.Equal(ids, c.want) || total != len(c.want) {
				t.Errorf("ListMembers(%+v) = %v (total %d), want %v", c.filter, ids, total, c.want)
			}
		})
	}
	got, _, err := st.ListMembers(ctx, models.MemberFilter{Kind: models.KindAgency, Status: models.ProfilePublished})
	must(t, "ListMembers", err)
	if len(got) == 1 {
		want := directory()[4]
		want.Version = 1
		assertSame(t, "listed member", want, got[0])
	}
}

func (s suite) memberListPages(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	updated := map[string]time.Time{
		"p-1": at(time.Minute), "p-2": at(time.Minute), "p-3": at(2 * time.Minute).UTC(), "p-4": at(2 * time.Minute),
		"p-5": at(3 * time.Minute), "p-6": at(0), "p-7": at(3 * time.Minute),
	}
	for id, u := range updated {
		must(t, "CreateMember", st.CreateMember(ctx, member(id, func(m *models.Member) { m.UpdatedAt = u })))
	}
	order := []string{"p-5", "p-7", "p-3", "p-4", "p-1", "p-2", "p-6"}
	cases := []struct {
		page models.Page
		want []string
	}{
		{models.Page{}, order},
		{models.Page{Page: 1, PerPage: 3}, order[:3]},
		{models.Page{Page: 2, PerPage: 3}, order[3:6]},
		{models.Page{Page: 3, PerPage: 3}, order[6:]},
		{models.Page{Page: 4, PerPage: 3}, nil},
		{models.Page{Page: -1, PerPage: 2}, order[:2]},
	}
	for _, c := range cases {
		got, total, err := st.ListMembers(ctx, models.MemberFilter{Page: c.page})
		must(t, "ListMembers", err)
		if ids := memberIDs(got); !slices.Equal(ids, c.want) || total != len(order) {
			t.Errorf("ListMembers(page %+v) = %v (total %d), want %v (total %d)", c.page, ids, total, c.want, len(order))
		}
	}
}

func (s suite) memberListCap(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	ms := make([]*models.Member, models.MaxPerPage+5)
	for i := range ms {
		ms[i] = member(fmt.Sprintf("st-%03d", i), func(m *models.Member) { m.UpdatedAt = at(time.Duration(i) * time.Second) })
	}
	must(t, "UpsertMembers", st.UpsertMembers(ctx, ms))
	got, total, err := st.ListMembers(ctx, models.MemberFilter{Page: models.Page{Page: 1, PerPage: 1000}})
	must(t, "ListMembers", err)
	if len(got) != models.MaxPerPage || total != len(ms) {
		t.Errorf("ListMembers(1000 per page): %d members (total %d), want %d (total %d)", len(got), total, models.MaxPerPage, len(ms))
	}
}

func (s suite) memberUpsert(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "UpsertMembers(none)", st.UpsertMembers(ctx, nil))
	a, b := member("st-a"), member("st-b", func(m *models.Member) { m.Version = 42 })
	must(t, "UpsertMembers", st.UpsertMembers(ctx, []*models.Member{a, b}))
	assertMemberVersions(t, st, map[string]int64{"st-a": 1, "st-b": 1})

	a2 := member("st-a", func(m *models.Member) {
		m.Name, m.Sectors, m.PublishedAt, m.UpdatedAt, m.Version = "Renamed", []string{"energy"}, nil, at(time.Hour), 0
	})
	c := member("st-c")
	must(t, "UpsertMembers", st.UpsertMembers(ctx, []*models.Member{a2, c}))
	assertMemberVersions(t, st, map[string]int64{"st-a": 2, "st-b": 1, "st-c": 1})
	got, err := st.Member(ctx, "st-a")
	must(t, "Member", err)
	want := *a2
	want.Version = 2
	assertSame(t, "Member after UpsertMembers", &want, got)
	list, total, err := st.ListMembers(ctx, models.MemberFilter{Sector: "energy"})
	must(t, "ListMembers", err)
	if total != 1 || len(list) != 1 || list[0].ID != "st-a" {
		t.Errorf("ListMembers(sector of the replacement) = %v, want [st-a]", memberIDs(list))
	}
	list, _, err = st.ListMembers(ctx, models.MemberFilter{Sector: "mobility"})
	must(t, "ListMembers", err)
	if ids := memberIDs(list); !slices.Equal(ids, []string{"st-b", "st-c"}) {
		t.Errorf("ListMembers(sector of the replaced) = %v, want [st-b st-c]", ids)
	}

	updated := member("st-b")
	updated.Version = 1
	must(t, "UpdateMember", st.UpdateMember(ctx, updated))
	must(t, "UpsertMembers", st.UpsertMembers(ctx, []*models.Member{member("st-b"), member("st-b")}))
	assertMemberVersions(t, st, map[string]int64{"st-a": 2, "st-b": 4, "st-c": 1})
}

// assertMemberVersions checks the stored version of each member and that no other member exists.
func assertMemberVersions(t *testing.T, st models.Store, want map[string]int64) {
	t.Helper()
	for id, v := range want {
		m, err := st.Member(t.Context(), id)
		must(t, "Member "+id, err)
		if m.Version != v {
			t.Errorf("member %s: version %d, want %d", id, m.Version, v)
		}
	}
	_, total, err := st.ListMembers(t.Context(), models.MemberFilter{})
	must(t, "ListMembers", err)
	if total != len(want) {
		t.Errorf("ListMembers: total %d, want %d", total, len(want))
	}
}
