package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/hanoi-innovation/innonet/models"
)

// auditCounter numbers the audit log's entries.
const auditCounter = "audit"

// auditDoc is an audit entry as stored. The adapter only ever inserts them.
type auditDoc struct {
	ID         string            `bson:"_id"`
	Seq        int64             `bson:"seq"`
	At         time.Time         `bson:"at"`
	Actor      string            `bson:"actor"`
	Action     string            `bson:"action"`
	TargetType string            `bson:"target_type"`
	TargetID   string            `bson:"target_id"`
	Details    map[string]string `bson:"details,omitempty"`
	RequestID  string            `bson:"request_id"`
}

func toAuditDoc(e *models.AuditEntry, seq int64) *auditDoc {
	return &auditDoc{ID: e.ID, Seq: seq, At: storedTime(e.At), Actor: e.Actor, Action: string(e.Action),
		TargetType: string(e.TargetType), TargetID: e.TargetID, Details: e.Details, RequestID: e.RequestID}
}

func (d *auditDoc) toModel() *models.AuditEntry {
	return &models.AuditEntry{ID: d.ID, Seq: d.Seq, At: storedTime(d.At), Actor: d.Actor, Action: models.AuditAction(d.Action),
		TargetType: models.AuditTarget(d.TargetType), TargetID: d.TargetID, Details: d.Details, RequestID: d.RequestID}
}

// AppendAudit stores e at the end of the audit log.
func (s *Store) AppendAudit(ctx context.Context, e *models.AuditEntry) (err error) {
	defer models.Wrap(&err, "AppendAudit(%s)", e.Action)
	if e.ID == "" {
		e.ID = models.NewID("au")
	}
	seq, err := s.takeNumbers(ctx, auditCounter, 1)
	if err != nil {
		return err
	}
	roundTime(&e.At)
	if _, err := s.audit.InsertOne(ctx, toAuditDoc(e, seq)); err != nil {
		return dbError("append audit", err)
	}
	e.Seq = seq
	return nil
}

// ListAudit returns a page of audit entries, newest first, and the total that match.
func (s *Store) ListAudit(ctx context.Context, f models.AuditFilter) (_ []*models.AuditEntry, _ int, err error) {
	defer models.Wrap(&err, "ListAudit")
	filter := bson.D{}
	for _, c := range []struct{ key, value string }{{"actor", f.Actor}, {"action", string(f.Action)}, {"target_id", f.TargetID}} {
		if c.value != "" {
			filter = append(filter, bson.E{Key: c.key, Value: c.value})
		}
	}
	var docs []auditDoc
	total, err := findPageSorted(ctx, s.audit, filter, bson.D{{Key: "seq", Value: -1}}, f.Page, &docs)
	if err != nil {
		return nil, 0, dbError("list audit", err)
	}
	out := make([]*models.AuditEntry, len(docs))
	for i := range docs {
		out[i] = docs[i].toModel()
	}
	return out, total, nil
}
