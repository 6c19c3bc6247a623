package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// TestAuditLogRefusesChanges checks that the database itself keeps the audit log append-only.
func TestAuditLogRefusesChanges(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e := &models.AuditEntry{At: time.Now(), Actor: "ac-1", Action: models.AuditExport, TargetType: models.TargetRecords, TargetID: "members"}
	if err := s.AppendAudit(ctx, e); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DELETE FROM audit_log", "UPDATE audit_log SET actor = 'someone else'"} {
		if _, err := s.w.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
	es, _, err := s.ListAudit(ctx, models.AuditFilter{})
	if err != nil || len(es) != 1 || es[0].Actor != "ac-1" {
		t.Fatalf("after the attempts: %v %v", es, err)
	}
}
