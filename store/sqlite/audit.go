package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// auditIDPrefix prefixes the ids the store gives to audit entries that have none.
const auditIDPrefix = "au"

const auditColumns = "seq, id, at, actor, action, target_type, target_id, details, request_id"

// AppendAudit stores e at the end of the audit log.
func (s *Store) AppendAudit(ctx context.Context, e *models.AuditEntry) (err error) {
	defer models.Wrap(&err, "sqlite.AppendAudit(%s)", e.Action)
	if e.ID == "" {
		e.ID = models.NewID(auditIDPrefix)
	}
	details, err := json.Marshal(e.Details)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *txn) error {
		return t.row("INSERT INTO audit_log (id, at, actor, action, target_type, target_id, details, request_id) "+
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq", []any{e.ID, ms(e.At), e.Actor, string(e.Action),
			string(e.TargetType), e.TargetID, string(details), e.RequestID}, &e.Seq)
	})
}

// ListAudit returns a page of audit entries, newest first, and the total that match.
func (s *Store) ListAudit(ctx context.Context, f models.AuditFilter) (out []*models.AuditEntry, total int, err error) {
	defer models.Wrap(&err, "sqlite.ListAudit")
	var where []string
	var args []any
	for _, c := range []struct{ column, value string }{{"actor", f.Actor}, {"action", string(f.Action)}, {"target_id", f.TargetID}} {
		if c.value != "" {
			where = append(where, c.column+" = ?")
			args = append(args, c.value)
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	page := f.Page.Normalized()
	err = s.read(ctx, func(t *txn) error {
		if err := t.row("SELECT COUNT(*) FROM audit_log"+cond, args, &total); err != nil {
			return err
		}
		return t.each("SELECT "+auditColumns+" FROM audit_log"+cond+" ORDER BY seq DESC LIMIT ? OFFSET ?",
			append(args, page.PerPage, page.Offset()), func(rows *sql.Rows) error {
				var e models.AuditEntry
				var at int64
				var details []byte
				if err := rows.Scan(&e.Seq, &e.ID, &at, &e.Actor, &e.Action, &e.TargetType, &e.TargetID, &details, &e.RequestID); err != nil {
					return err
				}
				if err := json.Unmarshal(details, &e.Details); err != nil {
					return fmt.Errorf("details of audit entry %s: %w", e.ID, err)
				}
				e.At = fromMS(at)
				out = append(out, &e)
				return nil
			})
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
