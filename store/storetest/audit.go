package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) auditTests() []test {
	return []test{
		{"RoundTrip", s.auditRoundTrip},
		{"Filters", s.auditFilters},
		{"Pages", s.auditPages},
	}
}

// auditEntry returns an audit entry with every field set, then applies edits.
func auditEntry(actor string, action models.AuditAction, target string, edits ...func(*models.AuditEntry)) *models.AuditEntry {
	e := &models.AuditEntry{
		At: at(time.Minute), Actor: actor, Action: action, TargetType: models.TargetMember, TargetID: target,
		Details: map[string]string{"decision": "verify", "note": "Giấy phép hợp lệ"}, RequestID: "req-1",
	}
	for _, ed := range edits {
		ed(e)
	}
	return e
}

func (s suite) auditRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	first := auditEntry("ac-admin", models.AuditVerificationDecide, "ag-1")
	must(t, "AppendAudit", st.AppendAudit(ctx, first))
	bare := auditEntry(models.AuditActorOperator, models.AuditAdminCreate, "ac-2", func(e *models.AuditEntry) {
		e.Details, e.RequestID, e.TargetType = nil, "", models.TargetAccount
	})
	must(t, "AppendAudit", st.AppendAudit(ctx, bare))
	if first.ID == "" || bare.ID == "" || first.ID == bare.ID {
		t.Fatalf("ids %q, %q: want distinct ids from the store", first.ID, bare.ID)
	}
	if first.Seq <= 0 || bare.Seq <= first.Seq {
		t.Fatalf("seqs %d, %d: want positive and increasing", first.Seq, bare.Seq)
	}
	got, total, err := st.ListAudit(ctx, models.AuditFilter{})
	must(t, "ListAudit", err)
	if total != 2 || len(got) != 2 {
		t.Fatalf("ListAudit: %d entries, total %d; want 2", len(got), total)
	}
	assertSame(t, "newest entry", bare, got[0])
	assertSame(t, "oldest entry", first, got[1])
}

func (s suite) auditFilters(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	entries := []*models.AuditEntry{
		auditEntry("ac-a", models.AuditVerificationDecide, "ag-1"),
		auditEntry("ac-a", models.AuditContactReveal, "st-1"),
		auditEntry("ac-b", models.AuditContactReveal, "st-1"),
		auditEntry("ac-b", models.AuditExport, "members"),
	}
	for _, e := range entries {
		must(t, "AppendAudit", st.AppendAudit(ctx, e))
	}
	cases := []struct {
		name string
		f    models.AuditFilter
		want []*models.AuditEntry
	}{
		{"actor", models.AuditFilter{Actor: "ac-a"}, []*models.AuditEntry{entries[1], entries[0]}},
		{"action", models.AuditFilter{Action: models.AuditContactReveal}, []*models.AuditEntry{entries[2], entries[1]}},
		{"target", models.AuditFilter{TargetID: "st-1"}, []*models.AuditEntry{entries[2], entries[1]}},
		{"all three", models.AuditFilter{Actor: "ac-b", Action: models.AuditContactReveal, TargetID: "st-1"}, []*models.AuditEntry{entries[2]}},
		{"nothing", models.AuditFilter{Actor: "ac-c"}, nil},
	}
	for _, tc := range cases {
		got, total, err := st.ListAudit(ctx, tc.f)
		must(t, "ListAudit "+tc.name, err)
		if total != len(tc.want) || !slices.Equal(auditIDs(got), auditIDs(tc.want)) {
			t.Errorf("%s: got %v (total %d), want %v", tc.name, auditIDs(got), total, auditIDs(tc.want))
		}
	}
}

func (s suite) auditPages(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	var all []string
	for i := range 5 {
		e := auditEntry("ac-a", models.AuditStatsView, "network", func(e *models.AuditEntry) { e.At = at(time.Duration(i) * time.Minute) })
		must(t, "AppendAudit", st.AppendAudit(ctx, e))
		all = append([]string{e.ID}, all...)
	}
	got, total, err := st.ListAudit(ctx, models.AuditFilter{Page: models.Page{Page: 2, PerPage: 2}})
	must(t, "ListAudit", err)
	if total != 5 || !slices.Equal(auditIDs(got), all[2:4]) {
		t.Errorf("page 2 of 2: got %v (total %d), want %v (total 5)", auditIDs(got), total, all[2:4])
	}
}

func auditIDs(es []*models.AuditEntry) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
