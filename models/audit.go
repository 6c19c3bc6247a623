package models

import (
	"context"
	"time"
)

// AuditAction names what an audit entry records. Actions are "area.verb", such as "verification.decide".
type AuditAction string

// The audited actions. Add new ones here; the admin audit page lists whatever the store holds.
const (
	AuditVerificationQueue  AuditAction = "verification.queue_view" // an admin read the verification queue
	AuditVerificationDecide AuditAction = "verification.decide"
	AuditImport             AuditAction = "records.import"
	AuditExport             AuditAction = "records.export"
	AuditAdminCreate        AuditAction = "admin.create"
	AuditStatsView          AuditAction = "stats.view"
	AuditMemberUpdate       AuditAction = "member.update"  // an admin changed a profile it does not own
	AuditMemberPublish      AuditAction = "member.publish" // an admin published a profile it does not own
	AuditMemberDelete       AuditAction = "member.delete"  // an admin deleted a profile it does not own
	AuditChallengeAdmin     AuditAction = "challenge.admin_change"
	AuditContactReveal      AuditAction = "contact.reveal" // non-public contact details shown to someone else
	AuditAccountDelete      AuditAction = "account.delete" // an account erased itself
	AuditDataDownload       AuditAction = "account.data_download"
	AuditClaimInvite        AuditAction = "claim.invite" // an admin invited someone to claim a profile
	AuditClaimDecide        AuditAction = "claim.decide" // an admin approved or rejected a claim request
	AuditStaffAdmin         AuditAction = "staff.admin"  // an admin changed the staff of an organisation
)

// The actor of entries written by the operator's command line, which has no account.
const AuditActorOperator = "operator"

// AuditTarget names the type of object an audit entry is about.
type AuditTarget string

// The audit target types.
const (
	TargetMember    AuditTarget = "member"
	TargetChallenge AuditTarget = "challenge"
	TargetAccount   AuditTarget = "account"
	TargetRecords   AuditTarget = "records"
	TargetNetwork   AuditTarget = "network"
)

// AuditEntry is one line of the append-only audit log. Details hold small facts (never secrets), by name.
type AuditEntry struct {
	ID         string            `json:"id"`
	Seq        int64             `json:"seq"`
	At         time.Time         `json:"at"`
	Actor      string            `json:"actor"` // an account id, or AuditActorOperator
	Action     AuditAction       `json:"action"`
	TargetType AuditTarget       `json:"target_type"`
	TargetID   string            `json:"target_id"`
	Details    map[string]string `json:"details,omitempty"`
	RequestID  string            `json:"request_id,omitempty"`
}

// AuditFilter selects audit entries. Zero values do not filter.
type AuditFilter struct {
	Actor    string
	Action   AuditAction
	TargetID string
	Page     Page
}

// AuditStore persists the audit log. Entries are only ever appended.
type AuditStore interface {
	// AppendAudit stores e, giving it an id when it has none and a Seq greater than every earlier entry's.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// ListAudit returns a page of entries, newest first (Seq descending), and the total that match.
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}

type requestIDKey struct{}

// WithRequestID returns a context that carries the id of the request being served.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the id of the request being served, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
