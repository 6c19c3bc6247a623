package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// StaffMember is one account that acts for an organisation, with its role.
type StaffMember struct {
	Account *models.Account
	Role    models.StaffRole
}

// Staff lists the accounts that act for a member. Its staff and admins may see it.
func (s *Service) Staff(ctx context.Context, p *models.Principal, memberID string) ([]StaffMember, error) {
	m, err := s.staffOf(ctx, p, memberID, false)
	if err != nil {
		return nil, err
	}
	out := make([]StaffMember, 0, len(m.OwnerIDs))
	for _, id := range m.OwnerIDs {
		a, err := s.Store.Account(ctx, id)
		if models.ErrorCode(err) == models.CodeNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, StaffMember{Account: a, Role: roleFor(a, memberID)})
	}
	return out, nil
}

// roleFor is a's staff role for the member: none when a acts for another one.
func roleFor(a *models.Account, memberID string) models.StaffRole {
	if a.MemberID != memberID {
		return ""
	}
	return a.StaffRoleOf()
}

// staffOf loads a member that p may see the staff of (any staff member, or an admin), or manage (owners
// and admins only).
func (s *Service) staffOf(ctx context.Context, p *models.Principal, memberID string, manage bool) (*models.Member, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	m, err := s.Store.Member(ctx, memberID)
	if err != nil {
		return nil, err
	}
	if p.IsAdmin() {
		return m, nil
	}
	if !m.OwnedBy(p.AccountID) {
		return nil, models.Errorf(models.CodeForbidden, "only the staff of an organisation see its staff")
	}
	if !manage {
		return m, nil
	}
	a, err := s.Store.Account(ctx, p.AccountID)
	if err != nil {
		return nil, err
	}
	if roleFor(a, memberID) != models.StaffOwner {
		return nil, models.Errorf(models.CodeForbidden, "only owners manage the staff")
	}
	return m, nil
}

// InviteStaff mails a one-time link to join the member's staff in role. Owners (and admins) only.
func (s *Service) InviteStaff(ctx context.Context, p *models.Principal, memberID, email string, role models.StaffRole, lang string) (*Invitation, error) {
	m, err := s.staffOf(ctx, p, memberID, true)
	if err != nil {
		return nil, err
	}
	email = models.NormalizeEmail(email)
	var fe []models.FieldError
	if !models.ValidEmail(email) {
		fe = append(fe, models.FieldError{Pointer: "/email", Detail: "is not an email address"})
	}
	if !role.Valid() {
		fe = append(fe, models.FieldError{Pointer: "/role", Detail: "must be owner or member"})
	}
	if len(fe) > 0 {
		return nil, models.Invalid(fe...)
	}
	if a, err := s.Store.AccountByEmail(ctx, email); err == nil && m.OwnedBy(a.ID) {
		return nil, &models.Error{Code: models.CodeConflict, Message: "this person is already on the staff",
			Fields: []models.FieldError{{Pointer: "/email", Detail: "is already on the staff"}}}
	}
	if err := s.allowMail("invite:" + p.AccountID); err != nil {
		return nil, err
	}
	inviter, err := s.Store.Account(ctx, p.AccountID)
	if err != nil {
		return nil, err
	}
	if lang == "" {
		lang = s.languageOf(ctx, p.AccountID)
	}
	t, err := s.issueToken(ctx, &models.OneTimeToken{Kind: models.TokenStaffInvite, MemberID: m.ID, Email: email, Role: role,
		CreatedBy: p.AccountID}, AccountMail{Lang: lang, MemberName: m.Name, InvitedBy: inviter.Name})
	if err != nil {
		return nil, err
	}
	s.auditAdminFor(ctx, p, m.ID, models.AuditStaffAdmin, models.TargetMember, m.ID,
		map[string]string{"op": "invite", "email": email, "role": string(role)})
	return &Invitation{Token: t, Member: m}, nil
}

// RemoveStaff takes an account off the member's staff: owners remove anyone, anyone may leave, and the last
// owner stays. The removed account's sessions end.
func (s *Service) RemoveStaff(ctx context.Context, p *models.Principal, memberID, accountID string) error {
	self := p.SignedIn() && p.AccountID == accountID
	m, err := s.staffOf(ctx, p, memberID, !self)
	if err != nil {
		return err
	}
	staff, err := s.Staff(ctx, p, m.ID)
	if err != nil {
		return err
	}
	target := findStaff(staff, accountID)
	if target == nil {
		return models.Errorf(models.CodeNotFound, "no such staff member")
	}
	if target.Role == models.StaffOwner && owners(staff) == 1 {
		return models.Errorf(models.CodeConflict, "an organisation keeps at least one owner: make someone else owner first")
	}
	if err := s.retryMember(ctx, m.ID, func(m *models.Member) error {
		kept := m.OwnerIDs[:0]
		for _, id := range m.OwnerIDs {
			if id != accountID {
				kept = append(kept, id)
			}
		}
		m.OwnerIDs = kept
		return nil
	}); err != nil {
		return err
	}
	if err := s.retryAccount(ctx, accountID, func(a *models.Account) error {
		if a.MemberID == memberID {
			a.MemberID, a.MemberRole = "", ""
		}
		return nil
	}); err != nil {
		return err
	}
	s.auditAdminFor(ctx, p, m.ID, models.AuditStaffAdmin, models.TargetMember, m.ID,
		map[string]string{"op": "remove", "account": accountID})
	return s.Store.RevokeAccountTokens(ctx, accountID, s.now())
}

// SetStaffRole changes the role of a staff member. Owners (and admins) only; the last owner stays one.
func (s *Service) SetStaffRole(ctx context.Context, p *models.Principal, memberID, accountID string, role models.StaffRole) error {
	if !role.Valid() {
		return models.Invalid(models.FieldError{Pointer: "/role", Detail: "must be owner or member"})
	}
	m, err := s.staffOf(ctx, p, memberID, true)
	if err != nil {
		return err
	}
	staff, err := s.Staff(ctx, p, m.ID)
	if err != nil {
		return err
	}
	target := findStaff(staff, accountID)
	if target == nil {
		return models.Errorf(models.CodeNotFound, "no such staff member")
	}
	if target.Role == models.StaffOwner && role != models.StaffOwner && owners(staff) == 1 {
		return models.Errorf(models.CodeConflict, "an organisation keeps at least one owner: make someone else owner first")
	}
	if err := s.retryAccount(ctx, accountID, func(a *models.Account) error {
		a.MemberRole = role
		return nil
	}); err != nil {
		return err
	}
	s.auditAdminFor(ctx, p, m.ID, models.AuditStaffAdmin, models.TargetMember, m.ID,
		map[string]string{"op": "role", "account": accountID, "role": string(role)})
	return nil
}

// TransferOwnership makes another staff member owner and p a member. p must be an owner.
func (s *Service) TransferOwnership(ctx context.Context, p *models.Principal, memberID, accountID string) error {
	if !p.SignedIn() || p.AccountID == accountID {
		return models.Invalid(models.FieldError{Pointer: "/account_id", Detail: "must be another staff member"})
	}
	if err := s.SetStaffRole(ctx, p, memberID, accountID, models.StaffOwner); err != nil {
		return err
	}
	if p.IsAdmin() {
		return nil
	}
	return s.SetStaffRole(ctx, p, memberID, p.AccountID, models.StaffMember)
}

func findStaff(staff []StaffMember, accountID string) *StaffMember {
	for i := range staff {
		if staff[i].Account.ID == accountID && staff[i].Role != "" {
			return &staff[i]
		}
	}
	return nil
}

func owners(staff []StaffMember) int {
	n := 0
	for _, sm := range staff {
		if sm.Role == models.StaffOwner {
			n++
		}
	}
	return n
}
