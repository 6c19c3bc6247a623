package main

import (
	"time"

	"github.com/hanoi-innovation/innonet/auth"
	"github.com/hanoi-innovation/innonet/models"
)

// accessTokens adapts auth.Issuer to what the use cases and the HTTP layer ask of access tokens.
type accessTokens struct{ issuer *auth.Issuer }

func (t accessTokens) IssueAccess(a *models.Account) (string, time.Time, error) {
	return t.issuer.Issue(auth.Claims{Subject: a.ID, Role: a.Role, MemberID: a.MemberID})
}

func (t accessTokens) VerifyAccess(token string) (*models.Principal, error) {
	c, err := t.issuer.Verify(token)
	if err != nil {
		return nil, err
	}
	return &models.Principal{AccountID: c.Subject, MemberID: c.MemberID, Role: c.Role}, nil
}
