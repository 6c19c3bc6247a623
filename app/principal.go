package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// CurrentPrincipal brings the principal of an access token up to date with its account: the profile it acts
// for and its role may have changed since the token was issued (staff removed, a profile claimed). An account
// that no longer exists is signed out.
func (s *Service) CurrentPrincipal(ctx context.Context, p *models.Principal) (*models.Principal, error) {
	if !p.SignedIn() {
		return p, nil
	}
	a, err := s.Store.Account(ctx, p.AccountID)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, models.Errorf(models.CodeUnauthorized, "the account no longer exists")
	}
	if err != nil {
		return nil, err
	}
	return &models.Principal{AccountID: a.ID, MemberID: a.MemberID, Role: a.Role}, nil
}
