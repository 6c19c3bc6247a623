package app

import (
	"context"
	"slices"

	"github.com/hanoi-innovation/innonet/models"
)

// DeletedMemberTitle replaces the title of other accounts' notifications about a member that deleted its
// account, since the title may carry its name.
const DeletedMemberTitle = "Thành viên đã xóa tài khoản / A member who deleted its account"

// DeleteAccount erases p's account after checking its password (Decree 13/2023/ND-CP, art. 16: the right to
// deletion). When other accounts act for the same member, only this account goes and the profile stays with
// them. When it was the last one, the profile leaves the directory and the index (a tombstone in the change
// feed), the member's interests and proposals stay with the challenges' agencies without its identity, and
// an agency's open challenges are closed. The account's own data (refresh tokens, notifications, preferences,
// consents, mails) is erased with it. The audit log keeps an entry, with ids only.
func (s *Service) DeleteAccount(ctx context.Context, p *models.Principal, password string) error {
	a, m, err := s.Me(ctx, p)
	if err != nil {
		return err
	}
	if s.LoginByEmail != nil {
		if ok, retry := s.LoginByEmail.Allow(a.Email); !ok {
			return &models.Error{Code: models.CodeRateLimited, Message: "too many attempts; try again later", RetryAfter: retry}
		}
	}
	ok, _, err := s.Hasher.Verify(ctx, password, a.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return models.Invalid(models.FieldError{Pointer: "/password", Detail: "is not your password"})
	}
	details := map[string]string{}
	if m != nil {
		details["member"] = m.ID
		if details["profile"], err = s.leaveMember(ctx, a, m); err != nil {
			return err
		}
	} else if err := s.Store.DetachInterests(ctx, "", "", a.ID); err != nil {
		return err
	}
	if err := s.Store.EraseAccount(ctx, a.ID, a.Email); err != nil {
		return err
	}
	s.audit(ctx, p, models.AuditAccountDelete, models.TargetAccount, a.ID, details)
	s.Logger.InfoContext(ctx, "account deleted", "account", a.ID, "member", a.MemberID)
	return nil
}

// leaveMember takes the account a out of its member m: m loses an owner, or goes when a was the last one.
// It says which: "kept" or "deleted".
func (s *Service) leaveMember(ctx context.Context, a *models.Account, m *models.Member) (string, error) {
	others := slices.DeleteFunc(slices.Clone(m.OwnerIDs), func(id string) bool { return id == a.ID })
	if len(others) > 0 {
		if err := s.ownerStays(ctx, a, m.ID, others); err != nil {
			return "", err
		}
		m.OwnerIDs, m.UpdatedAt = others, s.now()
		if err := s.Store.UpdateMember(ctx, m); err != nil {
			return "", err
		}
		s.indexChanged()
		return "kept", s.Store.DetachInterests(ctx, "", "", a.ID)
	}
	if m.Kind == models.KindAgency {
		if err := s.closeChallengesOf(ctx, m.ID); err != nil {
			return "", err
		}
	}
	anon := models.NewID("gone")
	if err := s.Store.DetachInterests(ctx, m.ID, anon, a.ID); err != nil {
		return "", err
	}
	if err := s.Store.ForgetMemberInNotifications(ctx, m.ID, anon, DeletedMemberTitle); err != nil {
		return "", err
	}
	if err := s.Store.DeleteMember(ctx, m.ID, m.Version); err != nil {
		return "", err
	}
	s.indexChanged()
	return "deleted", nil
}

// ownerStays refuses to let the last owner of an organisation leave while other staff remain: they could
// no longer manage it.
func (s *Service) ownerStays(ctx context.Context, a *models.Account, memberID string, others []string) error {
	if roleFor(a, memberID) != models.StaffOwner {
		return nil
	}
	for _, id := range others {
		o, err := s.Store.Account(ctx, id)
		if models.ErrorCode(err) == models.CodeNotFound {
			continue
		}
		if err != nil {
			return err
		}
		if roleFor(o, memberID) == models.StaffOwner {
			return nil
		}
	}
	return models.Errorf(models.CodeConflict, "you are the organisation's last owner: make another staff member owner before deleting your account")
}

// closeChallengesOf closes the open challenges of an agency that is leaving: they stay on the board, closed,
// and stop taking responses.
func (s *Service) closeChallengesOf(ctx context.Context, agencyID string) error {
	open, err := pages(func(pg models.Page) ([]*models.Challenge, int, error) {
		return s.Store.ListChallenges(ctx, models.ChallengeFilter{PostedBy: agencyID,
			Statuses: []models.ChallengeStatus{models.ChallengeOpen}, Page: pg})
	})
	if err != nil {
		return err
	}
	for _, c := range open {
		if _, err := s.moveChallenge(ctx, c, models.ChallengeClosed); err != nil {
			return err
		}
	}
	return nil
}
