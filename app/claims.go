package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// maxClaimMessage caps the message of a claim request, in characters.
const maxClaimMessage = 2000

// Invitation is a profile invitation sent by email: to claim an imported profile or to join its staff.
type Invitation struct {
	Token  *models.OneTimeToken
	Member *models.Member
}

// InviteToClaim mails a one-time claim link for an imported profile that nobody owns yet, to email or, when
// it is empty, to the profile's contact email. Admins only.
func (s *Service) InviteToClaim(ctx context.Context, p *models.Principal, memberID, email, lang string) (*Invitation, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	m, err := s.Store.Member(ctx, memberID)
	if err != nil {
		return nil, err
	}
	if len(m.OwnerIDs) > 0 {
		return nil, models.Errorf(models.CodeConflict, "this profile already has an owner")
	}
	if strings.TrimSpace(email) == "" {
		email = m.Contact.Email
	}
	email = models.NormalizeEmail(email)
	if !models.ValidEmail(email) {
		return nil, models.Invalid(models.FieldError{Pointer: "/email", Detail: "is not an email address, and the profile has no contact email"})
	}
	admin, err := s.Store.Account(ctx, p.AccountID)
	if err != nil {
		return nil, err
	}
	t, err := s.issueToken(ctx, &models.OneTimeToken{Kind: models.TokenClaimProfile, MemberID: m.ID, Email: email,
		Role: models.StaffOwner, CreatedBy: p.AccountID},
		AccountMail{Lang: lang, MemberName: m.Name, InvitedBy: admin.Name})
	if err != nil {
		return nil, err
	}
	s.Logger.InfoContext(ctx, "invited to claim a profile", "member", m.ID, "by", p.AccountID)
	s.audit(ctx, p, models.AuditClaimInvite, models.TargetMember, m.ID, map[string]string{"email": email})
	return &Invitation{Token: t, Member: m}, nil
}

// InviteResult is the outcome of one invitation of a bulk invite.
type InviteResult struct {
	MemberID   string
	Invitation *Invitation
	Err        error
}

// InviteManyToClaim invites each of the profiles to be claimed at its contact email; a failure for one does
// not stop the others.
func (s *Service) InviteManyToClaim(ctx context.Context, p *models.Principal, memberIDs []string, lang string) ([]InviteResult, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	if len(memberIDs) == 0 || len(memberIDs) > models.MaxPerPage {
		return nil, models.Invalid(models.FieldError{Pointer: "/member_ids", Detail: "must name 1 to 100 profiles"})
	}
	out := make([]InviteResult, 0, len(memberIDs))
	for _, id := range memberIDs {
		inv, err := s.InviteToClaim(ctx, p, id, "", lang)
		out = append(out, InviteResult{MemberID: id, Invitation: inv, Err: err})
	}
	return out, nil
}

// InvitationFor returns what a claim or staff invitation link offers, without using it up.
func (s *Service) InvitationFor(ctx context.Context, secret string) (*Invitation, error) {
	t, err := s.peekToken(ctx, secret, []models.TokenKind{models.TokenClaimProfile, models.TokenStaffInvite}, "/token")
	if err != nil {
		return nil, err
	}
	m, err := s.Store.Member(ctx, t.MemberID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, invalidLink("/token")
	}
	if err != nil {
		return nil, err
	}
	return &Invitation{Token: t, Member: m}, nil
}

// AcceptInput is how a person takes up an invitation: signed in (p) with an account that has no profile yet
// (or only the empty draft made at registration), or with a name and password for a new account at the
// invited email.
type AcceptInput struct {
	Secret   string
	Name     string
	Password string
}

// AcceptInvitation uses up a claim or staff invitation: the account (new, or p's) then acts for the profile,
// as its owner when claiming, in the invited role when joining its staff.
func (s *Service) AcceptInvitation(ctx context.Context, p *models.Principal, in AcceptInput) (*models.Account, error) {
	inv, err := s.InvitationFor(ctx, in.Secret)
	if err != nil {
		return nil, err
	}
	newAccount := !p.SignedIn()
	var hash string
	if newAccount {
		if hash, err = s.prepareNewAccount(ctx, inv.Token.Email, in); err != nil {
			return nil, err
		}
	} else if err := s.checkJoiner(ctx, p, inv.Token.MemberID, inv.Token.Email); err != nil {
		return nil, err
	}
	if inv.Token.Kind == models.TokenClaimProfile && len(inv.Member.OwnerIDs) > 0 {
		return nil, models.Errorf(models.CodeConflict, "this profile already has an owner")
	}
	t, err := s.consumeToken(ctx, in.Secret, inv.Token.Kind, "/token")
	if err != nil {
		return nil, err
	}
	role := t.Role
	if t.Kind == models.TokenClaimProfile || !role.Valid() {
		role = map[bool]models.StaffRole{true: models.StaffOwner, false: models.StaffMember}[t.Kind == models.TokenClaimProfile]
	}
	now := s.now()
	var a *models.Account
	if newAccount {
		a = &models.Account{ID: models.NewID("acc"), Email: t.Email, Name: strings.TrimSpace(in.Name), PasswordHash: hash,
			Role: models.RoleMember, CreatedAt: now, PasswordChangedAt: now, EmailVerifiedAt: &now, Version: 1}
		if err := s.Store.CreateAccount(ctx, a); err != nil {
			return nil, err
		}
		if _, err := s.PreferencesOf(ctx, a.ID); err != nil {
			s.Logger.WarnContext(ctx, "creating notification preferences", "account", a.ID, "err", err)
		}
	} else if a, err = s.Store.Account(ctx, p.AccountID); err != nil {
		return nil, err
	}
	if err := s.join(ctx, a, t.MemberID, role, t.Kind == models.TokenClaimProfile); err != nil {
		return nil, err
	}
	s.Logger.InfoContext(ctx, "invitation accepted", "kind", t.Kind, "member", t.MemberID, "account", a.ID)
	return a, nil
}

// prepareNewAccount checks what a new account needs and returns its password hash.
func (s *Service) prepareNewAccount(ctx context.Context, email string, in AcceptInput) (string, error) {
	var fe []models.FieldError
	if strings.TrimSpace(in.Name) == "" {
		fe = append(fe, models.FieldError{Pointer: "/name", Detail: "is required"})
	}
	if err := s.checkPassword("/password", in.Password); err != nil {
		fe = append(fe, models.ErrorFields(err)...)
	}
	if len(fe) > 0 {
		return "", models.Invalid(fe...)
	}
	if _, err := s.Store.AccountByEmail(ctx, email); err == nil {
		return "", &models.Error{Code: models.CodeConflict, Message: "an account with this email already exists: sign in, then open the link again",
			Fields: []models.FieldError{{Pointer: "/token", Detail: "was sent to an email that already has an account"}}}
	} else if models.ErrorCode(err) != models.CodeNotFound {
		return "", err
	}
	return s.Hasher.Hash(ctx, in.Password)
}

// checkJoiner refuses a signed-in account that acts for another profile than its empty registration draft,
// or, when invited is set, whose email is not the invited one.
func (s *Service) checkJoiner(ctx context.Context, p *models.Principal, memberID, invited string) error {
	if p.IsAdmin() {
		return models.Errorf(models.CodeForbidden, "admin accounts do not act for a profile")
	}
	a, err := s.Store.Account(ctx, p.AccountID)
	if err != nil {
		return err
	}
	if invited != "" && a.Email != invited {
		return models.Errorf(models.CodeForbidden, "this invitation was sent to another email: sign in with that one, or sign out to create its account")
	}
	if a.MemberID == "" {
		return nil
	}
	if a.MemberID == memberID {
		return models.Errorf(models.CodeConflict, "your account already acts for this profile")
	}
	if _, replaceable, err := s.draftOnlyOf(ctx, a); err != nil || replaceable {
		return err
	}
	return models.Errorf(models.CodeConflict, "your account already acts for another profile")
}

// draftOnlyOf returns the profile of a when it is an unpublished draft that only a acts for: the one made at
// registration, which a claim may replace.
func (s *Service) draftOnlyOf(ctx context.Context, a *models.Account) (*models.Member, bool, error) {
	m, err := s.Store.Member(ctx, a.MemberID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	only := len(m.OwnerIDs) == 0 || (len(m.OwnerIDs) == 1 && m.OwnerIDs[0] == a.ID)
	return m, only && !m.Published(), nil
}

// join makes a act for the member in role; unowned requires that nobody acts for it yet (a claim). The draft
// a had from registration, if any, is deleted.
func (s *Service) join(ctx context.Context, a *models.Account, memberID string, role models.StaffRole, unowned bool) error {
	err := s.retryMember(ctx, memberID, func(m *models.Member) error {
		if unowned && len(m.OwnerIDs) > 0 {
			return models.Errorf(models.CodeConflict, "this profile already has an owner")
		}
		if !m.OwnedBy(a.ID) {
			m.OwnerIDs = append(m.OwnerIDs, a.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	old := a.MemberID
	if err := s.retryAccount(ctx, a.ID, func(acc *models.Account) error {
		acc.MemberID, acc.MemberRole = memberID, role
		*a = *acc
		return nil
	}); err != nil {
		return err
	}
	if old != "" && old != memberID {
		s.dropDraft(ctx, a.ID, old)
	}
	s.indexChanged()
	return nil
}

// dropDraft deletes the registration draft an account left for another profile.
func (s *Service) dropDraft(ctx context.Context, accountID, memberID string) {
	m, err := s.Store.Member(ctx, memberID)
	if err != nil || m.Published() || len(m.OwnerIDs) > 1 || (len(m.OwnerIDs) == 1 && m.OwnerIDs[0] != accountID) {
		return
	}
	if err := s.Store.DeleteMember(ctx, m.ID, m.Version); err != nil {
		s.Logger.WarnContext(ctx, "deleting a replaced draft profile", "member", m.ID, "err", err)
	}
}

// retryMember applies change to the stored member and writes it, reading again after a concurrent write.
func (s *Service) retryMember(ctx context.Context, id string, change func(*models.Member) error) error {
	for range 5 {
		m, err := s.Store.Member(ctx, id)
		if err != nil {
			return err
		}
		if err := change(m); err != nil {
			return err
		}
		m.UpdatedAt = s.now()
		err = s.Store.UpdateMember(ctx, m)
		if models.ErrorCode(err) != models.CodeConflict {
			return err
		}
	}
	return models.Errorf(models.CodeConflict, "the profile is being changed; try again")
}

// RequestClaim asks the admins for a profile that nobody owns yet, with a message saying who p is.
func (s *Service) RequestClaim(ctx context.Context, p *models.Principal, memberID, message string) (*models.ClaimRequest, error) {
	if !p.SignedIn() {
		return nil, models.Errorf(models.CodeUnauthorized, "sign in to claim a profile")
	}
	message = strings.TrimSpace(message)
	if message == "" || len([]rune(message)) > maxClaimMessage {
		return nil, models.Invalid(models.FieldError{Pointer: "/message", Detail: "must say who you are, in 1 to " + strconv.Itoa(maxClaimMessage) + " characters"})
	}
	m, err := s.Member(ctx, p, memberID)
	if err != nil {
		return nil, err
	}
	if len(m.OwnerIDs) > 0 {
		return nil, models.Errorf(models.CodeConflict, "this profile already has an owner")
	}
	if err := s.checkJoiner(ctx, p, memberID, ""); err != nil {
		return nil, err
	}
	r := &models.ClaimRequest{ID: models.NewID("cr"), MemberID: m.ID, AccountID: p.AccountID, Message: message,
		Status: models.ClaimPending, CreatedAt: s.now()}
	if err := s.Store.CreateClaimRequest(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// ClaimRequestView is a claim request with the profile it asks for and the account that asks, either nil when
// gone.
type ClaimRequestView struct {
	Request *models.ClaimRequest
	Member  *models.Member
	Account *models.Account
}

// ClaimRequests returns a page of claim requests with the status (all when empty), each with its profile and
// requester, and the total. Admins only.
func (s *Service) ClaimRequests(ctx context.Context, p *models.Principal, status models.ClaimStatus, page models.Page) ([]ClaimRequestView, int, error) {
	if err := requireAdmin(p); err != nil {
		return nil, 0, err
	}
	rs, total, err := s.Store.ListClaimRequests(ctx, status, page.Normalized())
	if err != nil {
		return nil, 0, err
	}
	out := make([]ClaimRequestView, len(rs))
	for i, r := range rs {
		out[i].Request = r
		if out[i].Member, err = s.Store.Member(ctx, r.MemberID); err != nil && models.ErrorCode(err) != models.CodeNotFound {
			return nil, 0, err
		}
		if out[i].Account, err = s.Store.Account(ctx, r.AccountID); err != nil && models.ErrorCode(err) != models.CodeNotFound {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// DecideClaim approves or rejects a pending claim request. Approving makes the requester the profile's owner,
// if nobody owns it by then. Admins only.
func (s *Service) DecideClaim(ctx context.Context, p *models.Principal, id string, approve bool) (*models.ClaimRequest, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	r, err := s.Store.ClaimRequest(ctx, id)
	if err != nil {
		return nil, err
	}
	status := models.ClaimRejected
	if approve {
		status = models.ClaimApproved
		m, err := s.Store.Member(ctx, r.MemberID)
		if err != nil {
			return nil, err
		}
		if len(m.OwnerIDs) > 0 {
			return nil, models.Errorf(models.CodeConflict, "this profile already has an owner: reject the request")
		}
		if err := s.checkJoiner(ctx, &models.Principal{AccountID: r.AccountID}, r.MemberID, ""); err != nil {
			return nil, err
		}
	}
	r, err = s.Store.DecideClaimRequest(ctx, id, status, p.AccountID, s.now())
	if err != nil {
		return r, err
	}
	s.audit(ctx, p, models.AuditClaimDecide, models.TargetMember, r.MemberID,
		map[string]string{"request": r.ID, "account": r.AccountID, "decision": string(status)})
	if !approve {
		return r, nil
	}
	a, err := s.Store.Account(ctx, r.AccountID)
	if err != nil {
		return nil, err
	}
	if err := s.join(ctx, a, r.MemberID, models.StaffOwner, true); err != nil {
		return nil, err
	}
	s.Logger.InfoContext(ctx, "claim approved", "member", r.MemberID, "account", r.AccountID, "by", p.AccountID)
	return r, nil
}

// AccountExists reports whether an account has the email (for an invitation's page to offer signing in).
func (s *Service) AccountExists(ctx context.Context, email string) (bool, error) {
	_, err := s.Store.AccountByEmail(ctx, email)
	if models.ErrorCode(err) == models.CodeNotFound {
		return false, nil
	}
	return err == nil, err
}
