package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) memberTests() []test {
	return []test{
		{"RoundTrip", s.memberRoundTrip},
		{"CreateTakenID", s.memberCreateTakenID},
		{"Update", s.memberUpdate},
		{"UpdateStale", s.memberUpdateStale},
		{"Delete", s.memberDelete},
		{"NotFound", s.memberNotFound},
		{"ByID", s.membersByID},
	}
}

func (s suite) memberRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	cases := map[string]*models.Member{
		"startup": member("st-1"),
		"expert":  member("ex-1", func(m *models.Member) { m.Kind = models.KindExpert }),
		"center": member("ic-1", func(m *models.Member) {
			m.Kind, m.Verification = models.KindInnovationCenter, models.VerificationPending
		}),
		"agency": member("ag-1", func(m *models.Member) {
			m.Kind, m.Verification = models.KindAgency, models.VerificationVerified
		}),
		"minimal": {ID: "mb-1", Kind: models.KindExpert, Name: "Trần Minh", Status: models.ProfileDraft,
			Verification: models.VerificationNone, CreatedAt: at(0), UpdatedAt: at(0)},
	}
	for name, m := range cases {
		must(t, "CreateMember "+name, st.CreateMember(ctx, m))
		if m.Version != 1 {
			t.Errorf("CreateMember %s: version %d, want 1", name, m.Version)
		}
	}
	for name, m := range cases {
		got, err := st.Member(ctx, m.ID)
		must(t, "Member "+name, err)
		assertSame(t, "Member "+name, m, got)
	}
}

func (s suite) memberCreateTakenID(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "CreateMember", st.CreateMember(ctx, member("st-1")))
	err := st.CreateMember(ctx, member("st-1", func(m *models.Member) { m.Name = "Other" }))
	assertCode(t, "CreateMember with a taken id", err, models.CodeConflict)
	got, err := st.Member(ctx, "st-1")
	must(t, "Member", err)
	if got.Name == "Other" {
		t.Error("a failed CreateMember overwrote the member")
	}
}

func (s suite) memberUpdate(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m := member("st-1", func(m *models.Member) { m.Status, m.PublishedAt = models.ProfileDraft, nil })
	must(t, "CreateMember", st.CreateMember(ctx, m))
	edits := []func(*models.Member){
		func(m *models.Member) {
			m.Status, m.PublishedAt, m.UpdatedAt = models.ProfilePublished, ptr(at(time.Hour)), at(time.Hour)
			m.Sectors, m.Skills, m.Contact.Phone = []string{"health"}, nil, ""
		},
		func(m *models.Member) {
			m.Name, m.Stage, m.TeamSize, m.OwnerIDs = "Giao thông Xanh JSC", "series_a", 40, []string{"ac-3"}
			m.Contact.EmailVisibility, m.UpdatedAt = models.VisibilityPublic, at(2*time.Hour)
		},
	}
	for i, edit := range edits {
		edit(m)
		must(t, "UpdateMember", st.UpdateMember(ctx, m))
		if want := int64(i + 2); m.Version != want {
			t.Fatalf("UpdateMember #%d: version %d, want %d", i+1, m.Version, want)
		}
		got, err := st.Member(ctx, m.ID)
		must(t, "Member", err)
		assertSame(t, "Member after UpdateMember", m, got)
	}
	missing := member("st-missing")
	missing.Version = 1
	assertCode(t, "UpdateMember of a missing member", st.UpdateMember(ctx, missing), models.CodeNotFound)
}

func (s suite) memberUpdateStale(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m := member("st-1")
	must(t, "CreateMember", st.CreateMember(ctx, m))
	stale := *m
	m.Name = "first writer"
	must(t, "UpdateMember", st.UpdateMember(ctx, m))
	stale.Name = "second writer"
	assertCode(t, "UpdateMember from a stale version", st.UpdateMember(ctx, &stale), models.CodeConflict)
	if stale.Version != 1 {
		t.Errorf("a failed UpdateMember changed the version to %d", stale.Version)
	}
	future := *m
	future.Version = 7
	assertCode(t, "UpdateMember from a future version", st.UpdateMember(ctx, &future), models.CodeConflict)
	got, err := st.Member(ctx, m.ID)
	must(t, "Member", err)
	assertSame(t, "Member after stale updates", m, got)
}

func (s suite) memberDelete(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	m, other := member("st-1"), member("st-2")
	must(t, "CreateMember", st.CreateMember(ctx, m))
	must(t, "CreateMember", st.CreateMember(ctx, other))
	must(t, "UpdateMember", st.UpdateMember(ctx, m))

	assertCode(t, "DeleteMember with a stale version", st.DeleteMember(ctx, m.ID, 1), models.CodeConflict)
	if _, err := st.Member(ctx, m.ID); err != nil {
		t.Fatalf("Member after a failed DeleteMember: %v", err)
	}
	must(t, "DeleteMember", st.DeleteMember(ctx, m.ID, 2))
	_, err := st.Member(ctx, m.ID)
	assertCode(t, "Member after DeleteMember", err, models.CodeNotFound)
	list, total, err := st.ListMembers(ctx, models.MemberFilter{})
	must(t, "ListMembers", err)
	if total != 1 || len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("ListMembers after DeleteMember: total %d, ids %v, want 1 [st-2]", total, memberIDs(list))
	}
	assertCode(t, "UpdateMember after DeleteMember", st.UpdateMember(ctx, m), models.CodeNotFound)
	assertCode(t, "DeleteMember again", st.DeleteMember(ctx, m.ID, 2), models.CodeNotFound)
}

func (s suite) memberNotFound(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	_, err := st.Member(ctx, "st-nobody")
	assertCode(t, "Member", err, models.CodeNotFound)
	assertCode(t, "DeleteMember", st.DeleteMember(ctx, "st-nobody", 1), models.CodeNotFound)
}

// membersByID: the members that exist among the ids, drafts included, deleted ones and unknown ids not.
func (s suite) membersByID(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	draft := member("st-2", func(m *models.Member) { m.Status = models.ProfileDraft })
	gone := member("st-3")
	for _, m := range []*models.Member{member("st-1"), draft, gone} {
		must(t, "CreateMember "+m.ID, st.CreateMember(ctx, m))
	}
	must(t, "DeleteMember", st.DeleteMember(ctx, gone.ID, gone.Version))
	got, err := st.MembersByID(ctx, []string{"st-1", "st-2", "st-3", "st-nobody", "st-1"})
	must(t, "MembersByID", err)
	ids := memberIDs(got)
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"st-1", "st-2"}) {
		t.Errorf("MembersByID: %v, want [st-1 st-2]", ids)
	}
	for _, m := range got {
		if m.ID == "st-2" && (m.Status != models.ProfileDraft || m.Version != 1) {
			t.Errorf("MembersByID: draft read back as %s v%d", m.Status, m.Version)
		}
	}
	if got, err := st.MembersByID(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("MembersByID(nil): %v, %v", got, err)
	}
}

func memberIDs(ms []*models.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}
