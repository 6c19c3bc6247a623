package app

import (
	"context"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// RegisterInput is what a person gives to register.
type RegisterInput struct {
	Email    string
	Password string
	Name     string
	Kind     models.Kind
	// PolicyVersion, when set, is the privacy policy version the person accepted; it must be the one in force.
	PolicyVersion string
}

// Register creates an account and its draft member profile. Agencies and innovation centers start pending
// verification by an admin.
func (s *Service) Register(ctx context.Context, in RegisterInput) (*models.Account, *models.Member, error) {
	email := models.NormalizeEmail(in.Email)
	var fe []models.FieldError
	if !models.ValidEmail(email) {
		fe = append(fe, models.FieldError{Pointer: "/email", Detail: "is not an email address"})
	}
	if err := s.checkPassword("/password", in.Password); err != nil {
		fe = append(fe, models.ErrorFields(err)...)
	}
	if in.PolicyVersion != "" {
		if err := checkPolicyVersion("/privacy_policy_version", in.PolicyVersion); err != nil {
			fe = append(fe, models.ErrorFields(err)...)
		}
	}
	if len(fe) > 0 {
		return nil, nil, models.Invalid(fe...)
	}
	now := s.now()
	m := &models.Member{
		ID: models.NewID(models.MemberIDPrefix(in.Kind)), Kind: in.Kind, Name: in.Name,
		Status: models.ProfileDraft, Verification: models.VerificationNone,
		CreatedAt: now, UpdatedAt: now, Version: 1,
	}
	if in.Kind.IsOrganisation() {
		m.Verification = models.VerificationPending
	}
	m.Normalize()
	m.Contact.Email = email
	if err := m.Validate(s.Taxonomy); err != nil {
		return nil, nil, err
	}
	hash, err := s.Hasher.Hash(ctx, in.Password)
	if err != nil {
		return nil, nil, err
	}
	a := &models.Account{
		ID: models.NewID("acc"), Email: email, Name: m.Name, PasswordHash: hash, Role: models.RoleMember,
		MemberID: m.ID, MemberRole: models.StaffOwner, CreatedAt: now, PasswordChangedAt: now, Version: 1,
	}
	m.OwnerIDs = []string{a.ID}
	if err := s.Store.Register(ctx, a, m); err != nil {
		return nil, nil, err
	}
	if in.PolicyVersion != "" {
		c := &models.Consent{AccountID: a.ID, PolicyVersion: in.PolicyVersion, GivenAt: now, Source: models.ConsentAtRegistration}
		if err := s.Store.AddConsent(ctx, c); err != nil {
			// The account exists: the web app asks for the consent again at the next sign-in.
			s.Logger.ErrorContext(ctx, "recording consent at registration", "account", a.ID, "err", err)
		}
	}
	if _, err := s.PreferencesOf(ctx, a.ID); err != nil {
		s.Logger.WarnContext(ctx, "creating notification preferences", "account", a.ID, "err", err)
	}
	if err := s.sendVerification(ctx, a); err != nil {
		s.Logger.WarnContext(ctx, "mailing the email verification link", "account", a.ID, "err", err)
	}
	s.Logger.InfoContext(ctx, "account registered", "account", a.ID, "member", m.ID, "kind", m.Kind)
	return a, m, nil
}

// CreateAdmin creates an admin account, or makes an existing account with that email an admin and sets its
// password. It is the operator's command, not an API.
func (s *Service) CreateAdmin(ctx context.Context, email, password string) (*models.Account, error) {
	email = models.NormalizeEmail(email)
	if !models.ValidEmail(email) {
		return nil, models.Invalid(models.FieldError{Pointer: "email", Detail: "is not an email address"})
	}
	if err := s.checkPassword("password", password); err != nil {
		return nil, err
	}
	hash, err := s.Hasher.Hash(ctx, password)
	if err != nil {
		return nil, err
	}
	now := s.now()
	a, err := s.Store.AccountByEmail(ctx, email)
	switch {
	case err == nil:
		a.Role, a.PasswordHash, a.PasswordChangedAt = models.RoleAdmin, hash, now
		if err := s.Store.UpdateAccount(ctx, a); err != nil {
			return nil, err
		}
		s.audit(ctx, nil, models.AuditAdminCreate, models.TargetAccount, a.ID, map[string]string{"existing_account": "true"})
		return a, s.Store.RevokeAccountTokens(ctx, a.ID, now)
	case models.ErrorCode(err) != models.CodeNotFound:
		return nil, err
	}
	a = &models.Account{ID: models.NewID("acc"), Email: email, Name: strings.SplitN(email, "@", 2)[0],
		PasswordHash: hash, Role: models.RoleAdmin, CreatedAt: now, PasswordChangedAt: now, Version: 1}
	if err := s.Store.CreateAccount(ctx, a); err != nil {
		return nil, err
	}
	s.audit(ctx, nil, models.AuditAdminCreate, models.TargetAccount, a.ID, map[string]string{"existing_account": "false"})
	return a, nil
}

// Me returns the signed-in account and its profile (nil for an admin without one).
func (s *Service) Me(ctx context.Context, p *models.Principal) (*models.Account, *models.Member, error) {
	if !p.SignedIn() {
		return nil, nil, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	a, err := s.Store.Account(ctx, p.AccountID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, nil, models.Errorf(models.CodeUnauthorized, "the account no longer exists")
	}
	if err != nil {
		return nil, nil, err
	}
	if a.MemberID == "" {
		return a, nil, nil
	}
	m, err := s.Store.Member(ctx, a.MemberID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return a, nil, nil
	}
	return a, m, err
}

// ChangePassword sets a new password after checking the current one, and signs out every session.
func (s *Service) ChangePassword(ctx context.Context, p *models.Principal, current, next string) error {
	a, _, err := s.Me(ctx, p)
	if err != nil {
		return err
	}
	ok, _, err := s.Hasher.Verify(ctx, current, a.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return models.Invalid(models.FieldError{Pointer: "/current_password", Detail: "is not your current password"})
	}
	if err := s.checkPassword("/new_password", next); err != nil {
		return err
	}
	if a.PasswordHash, err = s.Hasher.Hash(ctx, next); err != nil {
		return err
	}
	now := s.now()
	a.PasswordChangedAt = now
	if err := s.Store.UpdateAccount(ctx, a); err != nil {
		return err
	}
	return s.Store.RevokeAccountTokens(ctx, a.ID, now)
}

func (s *Service) checkPassword(pointer, pw string) error {
	if pw == "" {
		return models.Invalid(models.FieldError{Pointer: pointer, Detail: "is required"})
	}
	if s.cfg.PasswordPolicy == nil {
		return nil
	}
	if err := s.cfg.PasswordPolicy(pw); err != nil {
		fields := models.ErrorFields(err)
		for i := range fields {
			fields[i].Pointer = pointer
		}
		return models.Invalid(fields...)
	}
	return nil
}
