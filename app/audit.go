package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// audit appends an entry to the audit log for an action of p (nil: the operator at the command line) on a
// target, with the request id from ctx. Use it for every admin action and every reveal of contact details:
//
//	s.audit(ctx, p, models.AuditVerificationDecide, models.TargetMember, m.ID, map[string]string{"decision": "verify"})
//
// A failure to write is logged, never returned: the action has already happened and must not be reported as
// failed. Details must hold no secrets (no passwords, tokens or contact values).
func (s *Service) audit(ctx context.Context, p *models.Principal, action models.AuditAction, target models.AuditTarget, targetID string, details map[string]string) {
	actor := models.AuditActorOperator
	if p != nil {
		actor = p.AccountID
	}
	e := &models.AuditEntry{At: s.now(), Actor: actor, Action: action, TargetType: target, TargetID: targetID,
		Details: details, RequestID: models.RequestID(ctx)}
	if err := s.Store.AppendAudit(context.WithoutCancel(ctx), e); err != nil {
		s.Logger.ErrorContext(ctx, "writing the audit log", "action", action, "target", targetID, "err", err)
	}
}

// AuditLog lists the audit log for an admin, newest first.
func (s *Service) AuditLog(ctx context.Context, p *models.Principal, f models.AuditFilter) ([]*models.AuditEntry, int, error) {
	if err := requireAdmin(p); err != nil {
		return nil, 0, err
	}
	f.Page = f.Page.Normalized()
	return s.Store.ListAudit(ctx, f)
}

// auditAdminFor records an action of an admin on an object of a member it does not act for as its own:
// an admin changing an agency's challenge, or someone's profile.
func (s *Service) auditAdminFor(ctx context.Context, p *models.Principal, ownerMemberID string, action models.AuditAction, target models.AuditTarget, targetID string, details map[string]string) {
	if p.IsAdmin() && p.MemberID != ownerMemberID {
		s.audit(ctx, p, action, target, targetID, details)
	}
}

// AuditOperator records an action of the operator at the command line (innonet export, for one).
func (s *Service) AuditOperator(ctx context.Context, action models.AuditAction, target models.AuditTarget, targetID string, details map[string]string) {
	s.audit(ctx, nil, action, target, targetID, details)
}
